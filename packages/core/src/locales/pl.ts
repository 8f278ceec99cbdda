import type { LocalePack } from '../i18n/locale-pack.js';

/** Polish. */
export const pl: LocalePack = {
  locale: 'pl',
  messages: {
    title: 'Czat',
    subtitle: '',
    openChat: 'Otwórz czat',
    closeChat: 'Zamknij czat',
    newSession: 'Rozpocznij nową rozmowę',
    inputLabel: 'Wiadomość',
    inputPlaceholder: 'Napisz wiadomość…',
    send: 'Wyślij',
    stop: 'Zatrzymaj odpowiedź',
    retry: 'Spróbuj ponownie',
    retryMessage: 'Spróbuj ponownie: {text}',
    bubbleUnread: '{label}, {unread}',
    typing: 'Pisze…',
    tooltip: 'Cześć! Potrzebujesz pomocy?',
    dismissTooltip: 'Zamknij',
    poweredBy: 'Działa dzięki ChatWidgetPro',
    statusOnline: 'Online',
    statusResponding: 'Pisze…',
    statusOffline: 'Offline',
    unread: {
      one: '{count} nieprzeczytana wiadomość',
      few: '{count} nieprzeczytane wiadomości',
      many: '{count} nieprzeczytanych wiadomości',
      other: '{count} nieprzeczytanej wiadomości',
    },
    messageFailed: 'Nie dostarczono.',
    messageIncomplete: 'Odpowiedź została przerwana.',
    messageWaiting: 'Oczekiwanie na połączenie…',
    youSaid: 'Ty',
    botSaid: 'Bot',
    'error.network':
      'Nie udało się połączyć z usługą czatu. Sprawdź połączenie i spróbuj ponownie.',
    'error.offline':
      'Wygląda na to, że jesteś offline. Twoja wiadomość została zachowana; spróbuj ponownie po odzyskaniu połączenia.',
    'error.timeout': 'Usługa czatu zbyt długo nie odpowiadała. Spróbuj ponownie.',
    'error.http': 'Usługa czatu miała problem z odpowiedzią. Spróbuj ponownie.',
    'error.unauthorized': 'Ten czat nie może się teraz połączyć.',
    'error.not_found': 'Usługa czatu jest teraz niedostępna.',
    'error.too_large': 'Ta wiadomość jest za długa, aby ją wysłać.',
    'error.rate_limited': 'Zbyt wiele wiadomości naraz. Poczekaj chwilę i spróbuj ponownie.',
    'error.server': 'Usługa czatu ma problemy. Spróbuj ponownie za chwilę.',
    'error.bad_reply':
      'Usługa czatu wysłała odpowiedź, której nie udało się odczytać. Spróbuj ponownie.',
    'error.bot_error': 'Bot napotkał problem podczas odpowiadania. Spróbuj ponownie.',
    'error.config': 'Ten czat nie jest poprawnie skonfigurowany.',
    'error.load': 'Nie udało się załadować czatu. Spróbuj ponownie później.',
  },
};
