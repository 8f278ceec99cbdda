import type { LocalePack } from '../i18n/locale-pack.js';

/** Spanish. */
export const es: LocalePack = {
  locale: 'es',
  messages: {
    title: 'Chat',
    subtitle: '',
    openChat: 'Abrir chat',
    closeChat: 'Cerrar chat',
    newSession: 'Iniciar una nueva conversación',
    inputLabel: 'Mensaje',
    inputPlaceholder: 'Escribe tu mensaje…',
    send: 'Enviar',
    stop: 'Detener respuesta',
    retry: 'Reintentar',
    retryMessage: 'Reintentar: {text}',
    bubbleUnread: '{label}, {unread}',
    typing: 'Escribiendo…',
    tooltip: '¡Hola! ¿Necesitas ayuda?',
    dismissTooltip: 'Cerrar',
    poweredBy: 'Con la tecnología de ChatWidgetPro',
    statusOnline: 'En línea',
    statusResponding: 'Escribiendo…',
    statusOffline: 'Sin conexión',
    unread: {
      one: '{count} mensaje sin leer',
      many: '{count} de mensajes sin leer',
      other: '{count} mensajes sin leer',
    },
    messageFailed: 'No entregado.',
    messageIncomplete: 'La respuesta se interrumpió.',
    messageWaiting: 'Esperando conexión…',
    youSaid: 'Tú',
    botSaid: 'Bot',
    'error.network':
      'No pudimos conectar con el servicio de chat. Comprueba tu conexión e inténtalo de nuevo.',
    'error.offline':
      'Parece que no tienes conexión. Tu mensaje se ha guardado; inténtalo de nuevo cuando vuelvas a estar en línea.',
    'error.timeout': 'El servicio de chat tardó demasiado en responder. Inténtalo de nuevo.',
    'error.http': 'El servicio de chat tuvo un problema al responder. Inténtalo de nuevo.',
    'error.unauthorized': 'Este chat no puede conectarse en este momento.',
    'error.not_found': 'El servicio de chat no está disponible en este momento.',
    'error.too_large': 'Ese mensaje es demasiado largo para enviarlo.',
    'error.rate_limited': 'Demasiados mensajes a la vez. Espera un momento e inténtalo de nuevo.',
    'error.server': 'El servicio de chat tiene problemas. Inténtalo de nuevo en breve.',
    'error.bad_reply':
      'El servicio de chat envió una respuesta que no pudimos leer. Inténtalo de nuevo.',
    'error.bot_error': 'El bot tuvo un problema al responder. Inténtalo de nuevo.',
    'error.config': 'Este chat no está configurado correctamente.',
    'error.load': 'No se pudo cargar el chat. Inténtalo de nuevo más tarde.',
  },
};
