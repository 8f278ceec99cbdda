// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { configOf, message, stateOf } from '../../__tests__/fake-widget.js';
import { createWidgetDom } from '../../dom/widget-dom.js';
import { connect } from '../connect.js';
import { element, fakeWidget, viewOf } from './connect-fixtures.js';

describe('translations and branding', () => {
  it('takes every visible and spoken text from the configured messages', () => {
    const config = configOf({
      messages: {
        openChat: 'Ouvrir le chat',
        unread: '{count} non lus',
        inputLabel: 'Votre message',
        inputPlaceholder: 'Écrivez…',
        send: 'Envoyer',
        stop: 'Arrêter',
        retry: 'Réessayer',
        retryMessage: 'Réessayer : {text}',
        bubbleUnread: '{label} — {unread}',
        typing: 'Écrit…',
        messageFailed: 'Non envoyé.',
        newSession: 'Nouvelle conversation',
        closeChat: 'Fermer',
        dismissTooltip: 'Masquer',
        'error.timeout': 'Trop long.',
        title: 'Aide',
        poweredBy: 'Propulsé par nous',
        tooltip: 'Bonjour !',
        statusOnline: 'En ligne',
        statusOffline: 'Hors ligne',
      },
    });
    const failed = message({ id: 'x', text: 'Salut', status: 'failed' });
    const state = stateOf(
      {
        unread: 2,
        messages: [failed],
        error: {
          kind: 'timeout',
          messageKey: 'error.timeout',
          message: 'English text',
          detail: '',
        },
      },
      config,
    );
    const api = connect(state, fakeWidget(state).widget);
    expect(api.getBubbleProps()['aria-label']).toBe('Ouvrir le chat — 2 non lus');
    expect(api.getInputProps()).toMatchObject({
      'aria-label': 'Votre message',
      placeholder: 'Écrivez…',
    });
    expect(api.getSendButtonProps()['aria-label']).toBe('Envoyer');
    expect(api.getStopButtonProps()['aria-label']).toBe('Arrêter');
    expect(api.getRetryButtonProps(viewOf(api, 'x'))['aria-label']).toBe('Réessayer : Salut');
    expect(api.messages[0]?.retryText).toBe('Réessayer');
    expect(api.getTypingProps()['aria-label']).toBe('Écrit…');
    expect(api.messages[0]?.statusText).toBe('Non envoyé.');
    expect(api.getNewSessionButtonProps()['aria-label']).toBe('Nouvelle conversation');
    expect(api.getCloseButtonProps()['aria-label']).toBe('Fermer');
    expect(api.getTooltipCloseProps()['aria-label']).toBe('Masquer');
    expect(api.errorText).toBe('Trop long.');
    expect(api.title).toBe('Aide');
    expect(api.footerText).toBe('Propulsé par nous');
    expect(api.tooltipText).toBe('Bonjour !');
    // The send failed: the header no longer says online.
    expect(api.presenceText).toBe('Hors ligne');
  });

  it('shows the configured header: title, subtitle and avatar', () => {
    const config = configOf({
      header: { title: 'Acme', subtitle: 'We reply fast', avatar: 'https://acme.test/a.png' },
    });
    const api = connect(stateOf({}, config), fakeWidget(stateOf()).widget);
    expect([api.title, api.subtitle, api.getAvatarProps().src]).toEqual([
      'Acme',
      'We reply fast',
      'https://acme.test/a.png',
    ]);
    expect(api.getHeaderTextProps()).toEqual({ 'data-scope': 'cwp', 'data-part': 'header-text' });
    expect(api.getSubtitleProps().hidden).toBe(false);
    expect(api.getAvatarProps()).toMatchObject({
      src: 'https://acme.test/a.png',
      alt: '',
      hidden: false,
    });
    const plain = connect(stateOf(), fakeWidget(stateOf()).widget);
    expect(plain.getAvatarProps()).toMatchObject({ src: undefined, hidden: true });
    expect(plain.getSubtitleProps().hidden).toBe(true);
  });

  it('applies theme tokens as --cwp-* custom properties on the root', () => {
    const customProperties = (el: HTMLElement) =>
      Array.from({ length: el.style.length }, (_, i) => el.style.item(i))
        .filter((name) => name.startsWith('--cwp-'))
        .sort();
    const config = configOf({ theme: { tokens: { primary: '#0a84ff', radius: '12px' } } });
    const { widget } = fakeWidget(stateOf({}, config));
    const api = connect(stateOf({}, config), widget);
    // Not a prop (a style attribute would need CSP style-src): createWidgetDom sets them.
    expect('style' in api.getRootProps()).toBe(false);
    const root = element('div', api.getRootProps());
    const dom = createWidgetDom(widget);
    dom.attach(root);
    expect(customProperties(root)).toEqual(['--cwp-primary', '--cwp-radius']);
    expect(root.style.getPropertyValue('--cwp-primary')).toBe('#0a84ff');
    expect(root.style.getPropertyValue('--cwp-radius')).toBe('12px');
    dom.destroy();

    const plainWidget = fakeWidget(stateOf()).widget;
    const plainRoot = element('div', connect(stateOf(), plainWidget).getRootProps());
    const plainDom = createWidgetDom(plainWidget);
    plainDom.attach(plainRoot);
    expect(customProperties(plainRoot)).toEqual([]);
    plainDom.destroy();
  });

  it('opens footer links in a new tab without handing over the page', () => {
    const config = configOf({
      footer: {
        text: 'Made by Acme',
        links: [
          { label: 'Privacy', href: 'https://acme.test/privacy' },
          { label: 'Mail', href: 'mailto:help@acme.test' },
        ],
      },
    });
    const api = connect(stateOf({}, config), fakeWidget(stateOf()).widget);
    expect(api.getFooterProps().hidden).toBe(false);
    expect(api.footerText).toBe('Made by Acme');
    expect(api.getFooterTextProps().hidden).toBe(false);
    expect(api.footerLinks.map((l) => l.label)).toEqual(['Privacy', 'Mail']);
    const link = element('a', api.getFooterLinkProps(api.footerLinks[0]!));
    expect(link.getAttribute('href')).toBe('https://acme.test/privacy');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(
      api.getFooterLinkProps({ label: 'x', href: 'javascript:alert(1)' }).href,
    ).toBeUndefined();
  });

  it('removes the footer when it is turned off', () => {
    const config = configOf({ footer: false });
    const api = connect(stateOf({}, config), fakeWidget(stateOf()).widget);
    expect(api.footerLinks).toEqual([]);
    expect(api.footerText).toBe('');
    expect(api.getFooterProps().hidden).toBe(true);
    expect(api.getFooterTextProps().hidden).toBe(true);
  });

  it('starts a new conversation from the header', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true }));
    element('button', view().getNewSessionButtonProps()).click();
    expect(calls).toEqual([['newSession']]);
  });
});
