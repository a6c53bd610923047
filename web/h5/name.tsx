import type { ComponentChildren } from 'preact';

/**
 * A person's name as they wrote it, isolated from the text around it (`<bdi>`) and marked Chinese when
 * it is, so a screen reader speaks it right on the English page (and the tests can tell a resident's
 * name from an untranslated label).
 */
export function Name({ text }: { text: string }) {
  return <bdi lang={/\p{Script=Han}/u.test(text) ? 'zh-CN' : undefined}>{text}</bdi>;
}

/** `fill` for JSX: `{name}` in a message becomes the node given, the rest stays text. */
export function fillNode(text: string, name: ComponentChildren): ComponentChildren[] {
  return text.split(/(\{name\})/).map((part) => (part === '{name}' ? name : part));
}
