import { ChatWidget } from '@cwp/solid';
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import {
  type Mode,
  managedAvailable,
  type WidgetType,
  widgetConfig,
  widgetTypes,
} from '../../support/app/widget-config';

export default function App() {
  const [type, setType] = createSignal<WidgetType>('floating');
  const [mode, setMode] = createSignal<Mode>('direct');
  const [open, setOpen] = createSignal(false);
  // A widget is made from its config once: the keyed <Show>s mount a new one for a new choice.
  const config = createMemo(() => widgetConfig('Solid', type(), mode()));

  return (
    <>
      <header class="bar">
        <strong>ChatWidgetPro · Solid</strong>
        <label>
          Widget type
          <select
            value={type()}
            onChange={(event) => setType(event.currentTarget.value as WidgetType)}
          >
            <For each={widgetTypes}>{(t) => <option value={t}>{t}</option>}</For>
          </select>
        </label>
        <label>
          Mode
          <select value={mode()} onChange={(event) => setMode(event.currentTarget.value as Mode)}>
            <option value="direct">direct (webhook)</option>
            <option value="managed" disabled={!managedAvailable}>
              managed (@cwp/server)
            </option>
          </select>
        </label>
      </header>
      <main class="stage">
        <div class="page">
          <Show when={type() === 'inline'}>
            <div class="inline-slot">
              <Show when={config()} keyed>
                {(inline) => <ChatWidget config={inline} />}
              </Show>
            </div>
          </Show>
          <h1>A Solid page with a chat widget</h1>
          <Show when={type() === 'floating'}>
            <p>
              The window is {open() ? 'open' : 'closed'}.{' '}
              <button type="button" onClick={() => setOpen(!open())}>
                Toggle it
              </button>{' '}
              (<code>open</code> + <code>onOpenChange</code>)
            </p>
          </Show>
          <Show when={!managedAvailable}>
            <p>
              Managed mode needs <code>VITE_CWP_WIDGET_ID</code>: see this example's README.
            </p>
          </Show>
        </div>
        <Show when={config()} keyed>
          {(current) => (
            <Switch>
              <Match when={current.type === 'floating'}>
                <ChatWidget config={current} open={open()} onOpenChange={setOpen} />
              </Match>
              <Match when={current.type === 'fullscreen'}>
                <ChatWidget config={current} />
              </Match>
            </Switch>
          )}
        </Show>
      </main>
    </>
  );
}
