import type { LocalePack } from '../i18n/locale-pack.js';

/** German. */
export const de: LocalePack = {
  locale: 'de',
  messages: {
    title: 'Chat',
    subtitle: '',
    openChat: 'Chat öffnen',
    closeChat: 'Chat schließen',
    newSession: 'Neues Gespräch beginnen',
    inputLabel: 'Nachricht',
    inputPlaceholder: 'Nachricht eingeben…',
    send: 'Senden',
    stop: 'Antwort stoppen',
    retry: 'Erneut versuchen',
    retryMessage: 'Erneut versuchen: {text}',
    copyCode: 'Code kopieren',
    bubbleUnread: '{label}, {unread}',
    typing: 'Schreibt…',
    tooltip: 'Hallo! Können wir helfen?',
    dismissTooltip: 'Schließen',
    poweredBy: 'Bereitgestellt von ChatWidgetPro',
    statusOnline: 'Online',
    statusResponding: 'Schreibt…',
    statusOffline: 'Offline',
    unread: { one: '{count} ungelesene Nachricht', other: '{count} ungelesene Nachrichten' },
    messageFailed: 'Nicht zugestellt.',
    messageIncomplete: 'Die Antwort wurde unterbrochen.',
    messageWaiting: 'Warte auf Verbindung…',
    messageStopped: 'Sie haben diese Antwort gestoppt.',
    starterPrompts: 'Vorgeschlagene Fragen',
    copyReply: 'Kopieren',
    copied: 'Kopiert',
    feedbackUp: 'Hilfreich',
    feedbackDown: 'Nicht hilfreich',
    youSaid: 'Sie',
    botSaid: 'Bot',
    'error.network':
      'Der Chat-Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    'error.offline':
      'Sie sind offenbar offline. Ihre Nachricht bleibt erhalten; versuchen Sie es erneut, sobald Sie wieder online sind.',
    'error.timeout': 'Der Chat-Dienst hat zu lange gebraucht. Bitte versuchen Sie es erneut.',
    'error.http': 'Der Chat-Dienst konnte nicht antworten. Bitte versuchen Sie es erneut.',
    'error.unauthorized': 'Dieser Chat darf sich gerade nicht verbinden.',
    'error.not_found': 'Der Chat-Dienst ist gerade nicht verfügbar.',
    'error.too_large': 'Diese Nachricht ist zu lang zum Senden.',
    'error.rate_limited':
      'Zu viele Nachrichten auf einmal. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
    'error.server':
      'Der Chat-Dienst hat gerade Probleme. Bitte versuchen Sie es gleich noch einmal.',
    'error.bad_reply':
      'Der Chat-Dienst hat eine unlesbare Antwort gesendet. Bitte versuchen Sie es erneut.',
    'error.bot_error': 'Der Bot hatte ein Problem beim Antworten. Bitte versuchen Sie es erneut.',
    'error.config': 'Dieser Chat ist nicht richtig eingerichtet.',
    'error.load': 'Der Chat konnte nicht geladen werden. Bitte versuchen Sie es später erneut.',
    'error.cut_off': 'Die Antwort wurde abgeschnitten. Bitte versuchen Sie es erneut.',
  },
};
