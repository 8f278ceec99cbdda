import type { LocalePack } from '../i18n/locale-pack.js';

/** French. */
export const fr: LocalePack = {
  locale: 'fr',
  messages: {
    title: 'Chat',
    subtitle: '',
    openChat: 'Ouvrir le chat',
    closeChat: 'Fermer le chat',
    newSession: 'Démarrer une nouvelle conversation',
    inputLabel: 'Message',
    inputPlaceholder: 'Écrivez votre message…',
    send: 'Envoyer',
    stop: 'Arrêter la réponse',
    retry: 'Réessayer',
    retryMessage: 'Réessayer\u00a0: {text}',
    bubbleUnread: '{label}, {unread}',
    typing: 'En train d’écrire…',
    tooltip: 'Bonjour\u00a0! Besoin d’aide\u00a0?',
    dismissTooltip: 'Fermer',
    poweredBy: 'Propulsé par ChatWidgetPro',
    statusOnline: 'En ligne',
    statusResponding: 'En train d’écrire…',
    statusOffline: 'Hors ligne',
    unread: {
      one: '{count} message non lu',
      many: '{count} de messages non lus',
      other: '{count} messages non lus',
    },
    messageFailed: 'Non envoyé.',
    messageIncomplete: 'La réponse a été interrompue.',
    messageWaiting: 'En attente de connexion…',
    youSaid: 'Vous',
    botSaid: 'Bot',
    'error.network':
      'Impossible de joindre le service de chat. Vérifiez votre connexion et réessayez.',
    'error.offline':
      'Vous semblez hors ligne. Votre message est conservé\u00a0; réessayez une fois la connexion rétablie.',
    'error.timeout': 'Le service de chat a mis trop de temps à répondre. Veuillez réessayer.',
    'error.http': 'Le service de chat n’a pas pu répondre. Veuillez réessayer.',
    'error.unauthorized': 'Ce chat n’est pas autorisé à se connecter pour le moment.',
    'error.not_found': 'Le service de chat n’est pas disponible pour le moment.',
    'error.too_large': 'Ce message est trop long pour être envoyé.',
    'error.rate_limited': 'Trop de messages à la fois. Patientez un instant, puis réessayez.',
    'error.server':
      'Le service de chat rencontre des difficultés. Réessayez dans quelques instants.',
    'error.bad_reply': 'Le service de chat a envoyé une réponse illisible. Veuillez réessayer.',
    'error.bot_error': 'Le bot a rencontré un problème en répondant. Veuillez réessayer.',
    'error.config': 'Ce chat n’est pas configuré correctement.',
    'error.load': 'Le chat n’a pas pu être chargé. Veuillez réessayer plus tard.',
  },
};
