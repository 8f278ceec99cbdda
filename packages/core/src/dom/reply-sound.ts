import type { WidgetState } from '../types.js';

/** Plays the reply sound: the configured file, or a short synthesized blip (no file, no network). */
export type PlaySound = (url: string | undefined) => void;

let context: AudioContext | undefined;

export const playSound: PlaySound = (url) => {
  try {
    if (url !== undefined) {
      new Audio(url).play().catch(() => {});
      return;
    }
    const Context = globalThis.AudioContext;
    if (Context === undefined) return;
    context ??= new Context();
    void context.resume();
    const now = context.currentTime;
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, now);
    gain.gain.exponentialRampToValueAtTime(0.001, now + 0.18);
    tone.connect(gain).connect(context.destination);
    tone.start(now);
    tone.stop(now + 0.18);
  } catch {
    // No audio (blocked autoplay, no device): the unread badge still tells the visitor.
  }
};

/**
 * With `config.sound`, plays once per reply whose first message arrives while the floating window
 * is closed, unless the visitor muted it. Call the returned function on every state change.
 */
export function createReplySound(
  play: PlaySound = playSound,
): (previous: WidgetState, state: WidgetState) => void {
  let played = false;
  return (previous, state) => {
    if (state.isResponding && !previous.isResponding) played = false;
    const sound = state.config.sound;
    if (
      sound !== false &&
      !played &&
      !state.muted &&
      !state.isOpen &&
      state.unread > previous.unread
    ) {
      played = true;
      play(sound.url);
    }
  };
}
