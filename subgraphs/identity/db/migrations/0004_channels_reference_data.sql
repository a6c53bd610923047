-- Reference data every process needs before the first registration: the partner channels named in the
-- launch announcement. A migration, so that any process that migrates identity (npm start, start:identity,
-- the api-keys tool, docker-compose) has them; channel_bindings refers to them. test/reference-data.test.ts
-- lists them through the `channels` query.
INSERT INTO "identity"."channels" ("code", "name", "kind") VALUES
  ('wechat-zzg', '壮掌桂', 'MINI_PROGRAM'),
  ('alipay', '支付宝', 'MINI_PROGRAM'),
  ('aiguangxi', '爱广西', 'APP'),
  ('smkyq', '扫码抗疫情', 'MINI_PROGRAM'),
  ('gxcloud', '广西云', 'APP'),
  ('zhuangguan', '壮观', 'APP'),
  ('bagui-caiyun', '八桂彩云', 'APP'),
  ('guijiantong', '桂建通', 'APP'),
  ('nanning-yongyi', '南宁邕易', 'MINI_PROGRAM')
ON CONFLICT ("code") DO NOTHING;
