import type { LocalePack } from '../i18n/locale-pack.js';

/** Dutch. */
export const nl: LocalePack = {
  locale: 'nl',
  messages: {
    title: 'Chat',
    subtitle: '',
    openChat: 'Chat openen',
    closeChat: 'Chat sluiten',
    newSession: 'Nieuw gesprek starten',
    inputLabel: 'Bericht',
    inputPlaceholder: 'Typ je bericht…',
    send: 'Versturen',
    stop: 'Antwoord stoppen',
    retry: 'Opnieuw proberen',
    retryMessage: 'Opnieuw proberen: {text}',
    bubbleUnread: '{label}, {unread}',
    typing: 'Typt…',
    tooltip: 'Hallo! Kunnen we je helpen?',
    dismissTooltip: 'Sluiten',
    poweredBy: 'Mogelijk gemaakt door ChatWidgetPro',
    statusOnline: 'Online',
    statusResponding: 'Typt…',
    statusOffline: 'Offline',
    unread: { one: '{count} ongelezen bericht', other: '{count} ongelezen berichten' },
    messageFailed: 'Niet afgeleverd.',
    messageIncomplete: 'Het antwoord is onderbroken.',
    messageWaiting: 'Wachten op verbinding…',
    youSaid: 'Jij',
    botSaid: 'Bot',
    'error.network':
      'We konden de chatdienst niet bereiken. Controleer je verbinding en probeer het opnieuw.',
    'error.offline':
      'Je lijkt offline te zijn. Je bericht blijft bewaard; probeer het opnieuw zodra je weer online bent.',
    'error.timeout': 'De chatdienst deed er te lang over om te antwoorden. Probeer het opnieuw.',
    'error.http': 'De chatdienst had een probleem met antwoorden. Probeer het opnieuw.',
    'error.unauthorized': 'Deze chat mag nu geen verbinding maken.',
    'error.not_found': 'De chatdienst is nu niet beschikbaar.',
    'error.too_large': 'Dat bericht is te lang om te versturen.',
    'error.rate_limited': 'Te veel berichten tegelijk. Wacht even en probeer het opnieuw.',
    'error.server': 'De chatdienst heeft problemen. Probeer het zo meteen opnieuw.',
    'error.bad_reply':
      'De chatdienst stuurde een antwoord dat we niet konden lezen. Probeer het opnieuw.',
    'error.bot_error': 'De bot had een probleem met antwoorden. Probeer het opnieuw.',
    'error.config': 'Deze chat is niet goed ingesteld.',
    'error.load': 'De chat kon niet worden geladen. Probeer het later opnieuw.',
  },
};
