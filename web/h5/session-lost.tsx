import './session-lost.css';

/**
 * What the page shows once its session is gone (ended, expired, never opened, its channel suspended or
 * its key revoked): no code, no colour and no clock, since a code the page cannot refresh must not pass
 * for a live one, and one thing the resident can do. Both languages at once: the switch and its
 * remembered choice belong to a page that no longer works.
 */
export function SessionLost() {
  return (
    <main class="session-lost" data-testid="session-lost">
      <section class="card" role="alert">
        <h1 lang="zh-CN">请从 App 重新打开</h1>
        <p lang="zh-CN">此页面已失效。请回到您的 App，重新点击“健康码”。</p>
        <h2 lang="en">Reopen from the app</h2>
        <p lang="en" class="muted">This page is no longer valid. Go back to your app and open the health code again.</p>
      </section>
    </main>
  );
}
