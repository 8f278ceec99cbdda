import { type ChatWidgetView, icons } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { drawTree, h, setText } from '../element.js';

/** Avatar, title, subtitle, status, new-conversation and close controls. */
export function createHeader(doc: Document) {
  const header = h(doc, 'div');
  const avatar = h(doc, 'img');
  const text = h(doc, 'div');
  const title = h(doc, 'div');
  const subtitle = h(doc, 'div');
  const status = h(doc, 'div');
  const mute = h(doc, 'button');
  mute.append(drawTree(doc, icons.sound), drawTree(doc, icons.muted));
  const newSession = h(doc, 'button');
  newSession.append(drawTree(doc, icons.refresh));
  const close = h(doc, 'button');
  close.append(drawTree(doc, icons.close));
  text.append(title, subtitle, status);
  header.append(avatar, text, mute, newSession, close);

  return {
    element: header,
    update(view: ChatWidgetView): void {
      applyProps(header, view.getHeaderProps());
      applyProps(avatar, view.getAvatarProps());
      applyProps(text, view.getHeaderTextProps());
      applyProps(title, view.getTitleProps());
      setText(title, view.title);
      applyProps(subtitle, view.getSubtitleProps());
      setText(subtitle, view.subtitle);
      applyProps(status, view.getStatusProps());
      setText(status, view.presenceText);
      applyProps(mute, view.getMuteButtonProps());
      applyProps(newSession, view.getNewSessionButtonProps());
      applyProps(close, view.getCloseButtonProps());
    },
  };
}
