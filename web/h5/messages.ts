import type { Lang } from '../shared/lang.js';

type Text = Record<Lang, string>;
const t = (zh: string, en: string): Text => ({ zh, en });

export const COLOR: Record<string, Text> = {
  GREEN: t('绿码', 'Green code'),
  YELLOW: t('黄码', 'Yellow code'),
  RED: t('红码', 'Red code'),
};

export const COLOR_HINT: Record<string, Text> = {
  GREEN: t('凭此码可通行，请配合测温', 'You may pass after a temperature check'),
  YELLOW: t('请居家观察，坚持每日健康申报', 'Stay home and declare your health every day'),
  RED: t('请立即联系社区，配合隔离', 'Contact your community office and stay isolated'),
};

/** Each reason code in plain words (the server sends codes only). */
export const REASON: Record<string, Text> = {
  R_CONFIRMED: t('确诊病例', 'Confirmed case'),
  R_SUSPECTED: t('疑似病例', 'Suspected case'),
  R_CLOSE_CONTACT: t('密切接触者', 'Close contact of a case'),
  Y_KEY_AREA: t('到访或停留疫情重点地区', 'Stayed in a key epidemic area'),
  Y_FEVER_CLINIC: t('发热门诊就诊', 'Visited a fever clinic'),
  Y_OUT_OF_PROVINCE: t('从区外入桂', 'Arrived from another province'),
  Y_FEVER: t('体温 ≥ 37.3 °C', 'Temperature of 37.3 °C or more'),
  Y_SYMPTOMS: t('申报了症状', 'Symptoms declared'),
};

export const SOURCE: Record<string, Text> = {
  AUTHORITY: t('卫健部门认定', 'set by the health commission'),
  DECLARATION: t('本人申报', 'from your declaration'),
  CHECKPOINT: t('卡口测温', 'measured at a checkpoint'),
};

export const SYMPTOM: Record<string, Text> = {
  FEVER: t('发热', 'Fever'),
  COUGH: t('咳嗽', 'Cough'),
  FATIGUE: t('乏力', 'Fatigue'),
  SORE_THROAT: t('咽痛', 'Sore throat'),
  SHORTNESS_OF_BREATH: t('气促', 'Shortness of breath'),
  DIARRHEA: t('腹泻', 'Diarrhoea'),
  LOSS_OF_TASTE_OR_SMELL: t('味觉或嗅觉减退', 'Loss of taste or smell'),
};

export const EXPOSURE: Record<string, Text> = {
  CONTACT_WITH_CONFIRMED: t('接触过确诊病例', 'Contact with a confirmed case'),
  KEY_AREA_STAY: t('到过疫情重点地区', 'Stayed in a key epidemic area'),
  ARRIVED_FROM_OTHER_PROVINCE: t('从区外返桂', 'Arrived from another province'),
  FEVER_CLINIC_VISIT: t('去过发热门诊', 'Visited a fever clinic'),
};

export const TRANSPORT: Record<string, Text> = {
  FLIGHT: t('飞机', 'Flight'),
  TRAIN: t('火车', 'Train'),
  COACH: t('客车', 'Coach'),
  CAR: t('自驾', 'Car'),
  SHIP: t('轮船', 'Ship'),
  OTHER: t('其他', 'Other'),
};

export const RELATION: Record<string, Text> = {
  PARENT: t('父母', 'Parent'),
  GRANDPARENT: t('祖父母', 'Grandparent'),
  CHILD: t('子女', 'Child'),
  SPOUSE: t('配偶', 'Spouse'),
  OTHER: t('其他', 'Other'),
};

/** The server's reason codes as messages a resident can act on; the server's text is the fallback. */
export const ERROR: Record<string, Text> = {
  BAD_TEMPERATURE: t('体温应在 34.0–43.0 °C 之间', 'Temperature must be between 34.0 and 43.0 °C'),
  BAD_REGION: t('请选择地区', 'Please choose a place'),
  BAD_PROVINCE: t('请选择省份', 'Please choose a province'),
  MISSING_EXPOSURE_DETAIL: t('请选择到过的地区或出发省份', 'Please choose the place or the province'),
  DUPLICATE_SYMPTOM: t('症状重复', 'A symptom is listed twice'),
  FUTURE_DATE: t('日期不能晚于今天', 'The date cannot be in the future'),
  PAST_DATE: t('只能申报今天', 'Only today can be declared'),
  BAD_NAME: t('姓名格式不正确', 'Not a valid name'),
  BAD_CHECK_CHARACTER: t('身份证号校验位不正确，请核对最后一位', 'The ID number’s last character does not check; please re-read it'),
  BAD_LENGTH: t('身份证号应为 18 位', 'A resident ID has 18 characters'),
  BAD_BIRTH_DATE: t('身份证号中的出生日期不正确', 'The birth date in the ID number is not valid'),
  IDENTITY_MISMATCH: t('姓名与身份证号不符', 'The name does not match the ID number'),
  CO_RESIDENCE_REQUIRED: t('只能添加共同居住的家庭成员', 'Only members living with you can be added'),
  TOO_MANY_DEPENDENTS: t('最多添加 10 位家庭成员', 'At most 10 household members'),
  TOO_MANY_GUARDIANS: t('该成员的监护人已满 5 位', 'This member already has 5 guardians'),
  GUARDIAN_NOT_ADULT: t('年满 18 岁才能添加家庭成员', 'You must be 18 or older to add members'),
  SELF_DEPENDENT: t('不能添加自己', 'You cannot add yourself'),
  APPEAL_OPEN: t('该原因已有一项申诉在处理中', 'An appeal about this reason is already open'),
  REASON_NOT_ACTIVE: t('该原因已不再生效', 'This reason is no longer active'),
  BAD_STATEMENT: t('请用 1–1000 字说明理由', 'Please explain in 1–1000 characters'),
  SESSION_EXPIRED: t('页面已过期，请从 App 重新打开健康码', 'This page has expired: open the health code again from your app'),
  CSRF_TOKEN_MISMATCH: t('页面已过期，请从 App 重新打开健康码', 'This page has expired: open the health code again from your app'),
  NETWORK: t('网络不可用，请稍后重试', 'No connection; please try again'),
  BINDING_IN_USE: t('不能解除正在使用的渠道，请从其他渠道操作', 'You are using this app: end its binding from another one'),
  NOT_BOUND: t('该渠道已解除绑定', 'This app is no longer bound to you'),
  BAD_SIGNATURE: t('场所码无效：签名不符，可能被篡改', 'Not a valid place code: its signature does not match (altered?)'),
  UNKNOWN_KEY: t('场所码无效：不是本平台签发的', 'Not a valid place code: not issued by this platform'),
  WRONG_TOKEN_TYPE: t('这不是场所码（可能是健康码）', 'This is not a place code (a health code, perhaps)'),
  MALFORMED: t('无法识别的场所码', 'This place code cannot be read'),
  EXPIRED: t('场所码已过期，请联系场所更换', 'This place code has expired; ask the place for a new one'),
  WRONG_ISSUER: t('场所码不是本省签发的', 'This place code was issued by another province'),
  UNKNOWN_PLACE: t('场所码对应的场所不存在', 'No such place'),
  NOT_OWN_PERSON: t('只能为本人或家庭成员登记', 'You can check in only yourself or your household members'),
};

export const UI = {
  title: t('广西健康码', 'Guangxi Health Code'),
  placeScan: t('扫场所码', 'Scan a place code'),
  placeHint: t('用手机扫描场所张贴的场所码，或粘贴扫到的链接', 'Scan the place code posted at the door with your phone, or paste the link it read'),
  placeLink: t('场所码链接', 'Place code link'),
  placeClaimed: t('场所：{place}', 'Place: {place}'),
  placeCheckIn: t('{name} 登记到访', 'Check in: {name}'),
  placeCheckedIn: t('已登记到访', 'Checked in'),
  placeDone: t('完成', 'Done'),
  placeBadLink: t('无法识别的场所码链接', 'This link is not a place code'),
  placeVisits: t('近 14 天场所登记', 'Place check-ins, last 14 days'),
  placeNoVisits: t('暂无登记', 'None'),
  self: t('本人', 'Me'),
  unavailable: t('健康码暂时无法显示，正在重试；请勿以截图代替', 'Your code cannot be shown right now; retrying. A screenshot is no substitute'),
  unknown: t('暂不可用', 'unavailable'),
  refreshNote: t('二维码每隔几分钟自动刷新，截图无效', 'The QR code renews itself every few minutes; screenshots do not work'),
  why: t('赋码原因', 'Why this colour'),
  none: t('无异常，保持每日健康申报', 'Nothing abnormal; keep declaring every day'),
  progress: t('还需连续 {n} 天健康申报正常', '{n} more consecutive normal days needed'),
  progressDone: t('已满足 14 天健康申报', '14 normal days reached'),
  awaitingLift: t('需卫健部门解除', 'Needs the health commission to lift it'),
  correctionPending: t('更正待审核', 'Correction pending review'),
  correctionNote: t(
    '{d} 的修改申报去掉了此项；同日以较严格的版本赋码，申诉纠错（填报错误）经卫健部门核实后按修改后的版本赋码',
    'Your amendment of {d} removed this; within a day the stricter version counts until the health commission upholds a correction (mistaken entry)',
  ),
  correctionPlaceholder: t('请说明填报错误的情况，如把 36.8 误填为 38.6', 'Say what was mistyped, e.g. 38.6 entered for 36.8'),
  greenOn: t('最早 {d} 转为绿码', 'Green on {d} at the earliest'),
  since: t('自 {d} 起', 'since {d}'),
  appeal: t('申诉纠错', 'Appeal'),
  appealPlaceholder: t('请说明为什么这个原因不属实', 'Explain why this reason is wrong'),
  appealSent: t('申诉已提交，卫健部门将尽快核实', 'Appeal filed; the health commission will review it'),
  send: t('提交', 'Submit'),
  cancel: t('取消', 'Cancel'),
  declaration: t('今日健康申报', 'Today’s health declaration'),
  declaredAs: t('今日已申报（第 {n} 版），可再次提交更正', 'Declared today (version {n}); submit again to amend'),
  earlier: t('更早的版本', 'Earlier versions'),
  temperature: t('体温 (°C)', 'Temperature (°C)'),
  symptoms: t('症状', 'Symptoms'),
  exposures: t('接触史与行程', 'Exposures'),
  regionCode: t('到过的重点地区', 'Key area you stayed in'),
  provinceCode: t('从哪个省份返桂', 'Province you arrived from'),
  trip: t('行程申报（可选）', 'Trip (optional)'),
  from: t('出发地', 'From'),
  to: t('目的地', 'To'),
  province: t('省份', 'Province'),
  city: t('城市', 'City'),
  county: t('区县', 'District or county'),
  choose: t('请选择', 'Choose'),
  regionSearch: t('搜索：输入名称或拼音首字母（如 sz）', 'Search by name or pinyin initials (e.g. sz)'),
  regionHits: t('搜索结果', 'Search results'),
  regionNoMatch: t('没有找到，请换个写法', 'No match; try another spelling'),
  picked: t('已选：{name}', 'Chosen: {name}'),
  listSeparator: t('、', ', '),
  date: t('日期', 'Date'),
  transport: t('交通方式', 'Transport'),
  vehicle: t('车次/航班', 'Train or flight no.'),
  declare: t('提交申报', 'Submit declaration'),
  declared: t('申报成功', 'Declaration received'),
  normal: t('正常', 'normal'),
  abnormal: t('异常', 'abnormal'),
  household: t('家庭成员', 'Household'),
  addMember: t('添加家庭成员', 'Add a household member'),
  name: t('姓名', 'Name'),
  idNumber: t('身份证号', 'Resident ID number'),
  relation: t('关系', 'Relation'),
  coResident: t('与我共同居住', 'Lives with me'),
  add: t('添加', 'Add'),
  remove: t('移除', 'Remove'),
  removeConfirm: t('确定移除 {name}？', 'Remove {name}?'),
  age: t('{n} 岁', 'age {n}'),
  paper: t('纸质健康码', 'Paper code'),
  paperHint: t('为没有手机的家人打印，有效期 30 天，可随时作废', 'For a member without a phone: valid 30 days, revocable at any time'),
  issuePaper: t('生成纸质码', 'Make a paper code'),
  print: t('打印', 'Print'),
  revoke: t('作废', 'Revoke'),
  revoked: t('已作废', 'revoked'),
  validUntil: t('有效期至 {d}', 'valid until {d}'),
  logout: t('退出', 'Sign out'),
  ended: t('已退出。请从 App 重新打开健康码。', 'Signed out. Open the health code again from your app.'),
  loading: t('加载中…', 'Loading…'),
  notRegistered: t('您还没有在此 App 完成实名登记，请先在 App 中登记。', 'You have not registered in this app yet; please register in the app first.'),
  langSwitch: t('English', '中文'),
  accessLog: t('谁查看了我的信息', 'Who looked at my data'),
  accessLogHint: t('本人和监护人以外的查询记录（卫健部门、卡口、外省等）和渠道绑定，不显示工作人员姓名', 'Reads by anyone but you and your guardians (health commission, checkpoints, other provinces) and channel bindings; staff are never named'),
  accessLogEmpty: t('暂无他人查询记录', 'No one else has read your data'),
  /** The same for a household member the guardian is looking at: never "my". */
  memberAccessLog: t('谁查看了{name}的信息', 'Who looked at {name}’s data'),
  memberAccessLogHint: t('{name}本人和监护人以外的查询记录（卫健部门、卡口、外省等），不显示工作人员姓名', 'Reads by anyone but {name} and their guardians (health commission, checkpoints, other provinces); staff are never named'),
  memberAccessLogEmpty: t('暂无他人查询{name}的记录', 'No one else has read {name}’s data'),
  elder: t('长辈模式', 'Large text'),
  elderMore: t('更多：原因、申报、家人、查询记录', 'More: reasons, declaration, family, access log'),
  ticket: t('工单 {n}', 'ticket {n}'),
  more: t('更多', 'More'),
  channels: t('已绑定的渠道', 'Apps bound to you'),
  channelsHint: t('可以查看和使用您健康码的 App，以及它们登记您时所做的实名核验', 'The apps that may show and use your code, and the real-name check each made when it registered you'),
  channelInUse: t('正在使用', 'in use'),
  boundOn: t('{d} 绑定', 'bound {d}'),
  unbind: t('解除绑定', 'Unbind'),
  unbindConfirm: t('确定解除 {name} 的绑定？解除后该 App 将无法查看您的健康码。', 'Unbind {name}? It will no longer see your code.'),
};

/** The real-name check a channel asserted when it bound the resident (VerificationMethod). */
export const VERIFICATION: Record<string, Text> = {
  DOCUMENT: t('证件号核验', 'ID number only'),
  CARRIER: t('手机号实名核验', 'mobile carrier check'),
  FACE: t('人脸核验', 'face check'),
};

/** What an access-log entry's action means; an action not listed here is shown as sent. */
export const ACTION: Record<string, Text> = {
  READ_PERSON: t('查看了个人信息', 'read your details'),
  READ_DOCUMENT_NUMBER: t('查看了完整证件号', 'read your full ID number'),
  LOOKUP_DOCUMENT: t('按证件号查询', 'looked you up by ID number'),
  VERIFY_CODE: t('扫码查验', 'scanned your code'),
  PARTNER_REQUEST_STATUS: t('查询了健康码状态', 'asked for your code colour'),
  PARTNER_SEND_STATUS: t('发来了健康状态', 'sent your health status'),
  DESIGNATE_RISK: t('认定风险', 'designated a risk'),
  LIFT_RISK: t('解除风险', 'lifted a risk'),
  DECIDE_APPEAL: t('处理了申诉', 'decided your appeal'),
  ISSUE_PAPER_CODE: t('打印了纸质码', 'printed a paper code'),
  REVOKE_PAPER_CODE: t('作废了纸质码', 'revoked a paper code'),
  BIND_CHANNEL_USER: t('新渠道绑定', 'bound you as its user (new channel)'),
  UNBIND_CHANNEL_USER: t('解除了渠道绑定', 'channel binding ended'),
};

export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
