import type { TicketFailure } from './repository.js';
import type { CredentialEnded } from './service.js';

/**
 * Why a launch link shows no code page: the ticket's own failure, the channel's key or the channel
 * having ended since the link was made, or an address turned away for guessing.
 */
export type LaunchFailure = TicketFailure | CredentialEnded | 'TOO_MANY_FAILURES';

const WHY: Record<LaunchFailure, { zh: string; en: string }> = {
  TICKET_USED: { zh: '这个链接已经打开过一次。', en: 'This link has already been opened once.' },
  TICKET_EXPIRED: { zh: '这个链接已过期（有效期 60 秒）。', en: 'This link has expired (it is valid for 60 seconds).' },
  UNKNOWN_TICKET: { zh: '这个链接无效。', en: 'This link is not valid.' },
  KEY_REVOKED: { zh: '打开这个链接的 App 密钥已失效。', en: 'The key of the app that made this link is no longer valid.' },
  CHANNEL_SUSPENDED: { zh: '该 App 的健康码服务已暂停。', en: "This app's health code service is suspended." },
  TOO_MANY_FAILURES: { zh: '此网络打开无效链接的次数过多，请一分钟后再试。', en: 'Too many invalid links were opened from this network; try again in a minute.' },
};

/**
 * The page a reused, expired or forged launch link shows: plain words in both languages, what to do
 * next, and a machine-readable reason for the channel's support staff. No session is opened.
 */
export function errorPage(reason: LaunchFailure): string {
  const why = WHY[reason];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>健康码 · 链接失效</title>
<style>body{font:1rem/1.6 system-ui,sans-serif;margin:0;padding:2rem 1.25rem;color:#1f2933;background:#f5f7fa}
main{max-width:28rem;margin:auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:.5rem 0}.en{color:#52606d}code{font-size:.85rem;color:#7b8794}</style></head>
<body><main data-reason="${reason}"><h1>无法打开健康码</h1>
<p>${why.zh}请回到您的 App 重新点击“健康码”。</p>
<p class="en" lang="en">${why.en} Go back to your app and open the health code again.</p>
<p><code>${reason}</code></p></main></body></html>`;
}
