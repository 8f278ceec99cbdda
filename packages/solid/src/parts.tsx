import { type ChatWidgetView, icons, type MessageView, type PartProps } from '@cwp/core';
import { createMemo, For, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { IconButton, RenderTree } from './render-tree.jsx';

/** What a render-function prop receives: the view and the part's own props (spread them). */
export type PartArgs = { readonly view: ChatWidgetView; readonly props: PartProps };
export type MessageArgs = PartArgs & { readonly message: MessageView };
/** Draws one part; `args` is reactive like Solid props (read it, do not destructure it). */
export type PartRender<A extends PartArgs = PartArgs> = (args: A) => JSX.Element;

export function Header(a: PartArgs): JSX.Element {
  return (
    <div {...a.props}>
      {/* biome-ignore lint/a11y/useAltText: the avatar props carry alt="" (decorative) */}
      <img {...a.view.getAvatarProps()} />
      <div {...a.view.getHeaderTextProps()}>
        <div {...a.view.getTitleProps()}>{a.view.title}</div>
        <div {...a.view.getSubtitleProps()}>{a.view.subtitle}</div>
        <div {...a.view.getStatusProps()}>{a.view.presenceText}</div>
      </div>
      <button {...a.view.getMuteButtonProps()}>
        <RenderTree node={icons.sound} />
        <RenderTree node={icons.muted} />
      </button>
      <IconButton props={a.view.getNewSessionButtonProps()} icon={icons.refresh} />
      <IconButton props={a.view.getCloseButtonProps()} icon={icons.close} />
    </div>
  );
}

export function Message(a: MessageArgs): JSX.Element {
  return (
    <div {...a.props}>
      <div {...a.view.getMessageContentProps(a.message)}>
        <For each={a.message.content}>{(node) => <RenderTree node={node} />}</For>
      </div>
      <div {...a.view.getMessageStatusProps(a.message)}>{a.message.statusText}</div>
      <button {...a.view.getRetryButtonProps(a.message)}>{a.message.retryText}</button>
      <div {...a.view.getMessageActionsProps(a.message)}>
        <button {...a.view.getCopyReplyProps(a.message)}>{a.message.copyText}</button>
        <IconButton props={a.view.getFeedbackUpProps(a.message)} icon={icons['thumb-up']} />
        <IconButton props={a.view.getFeedbackDownProps(a.message)} icon={icons['thumb-down']} />
      </div>
    </div>
  );
}

/** The log, keyed by message id: a message keeps its elements while it changes (streaming). */
export function MessageList(p: { view: ChatWidgetView; message: PartRender<MessageArgs> }) {
  const byId = createMemo(() => new Map(p.view.messages.map((m) => [m.id, m])));
  return (
    <div {...p.view.getMessagesProps()}>
      <For each={p.view.messages.map((m) => m.id)}>
        {(id) => {
          const m = createMemo(() => byId().get(id) as MessageView);
          const props = () => p.view.getMessageProps(m());
          return <Dynamic component={p.message} view={p.view} message={m()} props={props()} />;
        }}
      </For>
      <div {...p.view.getTypingProps()}>
        <span {...p.view.getTypingDotProps()} />
        <span {...p.view.getTypingDotProps()} />
        <span {...p.view.getTypingDotProps()} />
      </div>
    </div>
  );
}

export function StarterPrompts(p: { view: ChatWidgetView }): JSX.Element {
  return (
    <div {...p.view.getStarterPromptsProps()}>
      <For each={p.view.starterPrompts}>
        {(text, index) => <button {...p.view.getStarterPromptProps(index())}>{text}</button>}
      </For>
    </div>
  );
}

export function Composer(a: PartArgs): JSX.Element {
  return (
    <form {...a.props}>
      <IconButton props={a.view.getAttachButtonProps()} icon={icons.attach} />
      <input type="file" {...a.view.getFileInputProps()} />
      <textarea {...a.view.getInputProps()} />
      <IconButton props={a.view.getStopButtonProps()} icon={icons.stop} />
      <IconButton props={a.view.getSendButtonProps()} icon={icons.send} />
    </form>
  );
}

/** The chips of the files chosen for the next message. */
export function Attachments(p: { view: ChatWidgetView }): JSX.Element {
  return (
    <div {...p.view.getAttachmentsProps()}>
      <For each={p.view.files}>
        {(file) => (
          <div {...p.view.getAttachmentProps(file)}>
            <For each={file.content}>{(node) => <RenderTree node={node} />}</For>
            <IconButton props={p.view.getAttachmentRemoveProps(file)} icon={icons.close} />
          </div>
        )}
      </For>
    </div>
  );
}

export function Footer(a: PartArgs): JSX.Element {
  return (
    <div {...a.props}>
      <span {...a.view.getFooterTextProps()}>{a.view.footerText}</span>
      <For each={a.view.footerLinks}>
        {(link) => <a {...a.view.getFooterLinkProps(link)}>{link.label}</a>}
      </For>
    </div>
  );
}
