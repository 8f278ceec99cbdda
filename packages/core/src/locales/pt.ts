import type { LocalePack } from '../i18n/locale-pack.js';

/** Portuguese (Brazilian wording, understood in Portugal). */
export const pt: LocalePack = {
  locale: 'pt',
  messages: {
    title: 'Chat',
    subtitle: '',
    openChat: 'Abrir chat',
    closeChat: 'Fechar chat',
    newSession: 'Iniciar uma nova conversa',
    inputLabel: 'Mensagem',
    inputPlaceholder: 'Digite sua mensagem…',
    send: 'Enviar',
    stop: 'Parar resposta',
    retry: 'Tentar novamente',
    retryMessage: 'Tentar novamente: {text}',
    bubbleUnread: '{label}, {unread}',
    typing: 'Digitando…',
    tooltip: 'Olá! Precisa de ajuda?',
    dismissTooltip: 'Fechar',
    poweredBy: 'Desenvolvido com ChatWidgetPro',
    statusOnline: 'Online',
    statusResponding: 'Digitando…',
    statusOffline: 'Offline',
    unread: {
      one: '{count} mensagem não lida',
      many: '{count} de mensagens não lidas',
      other: '{count} mensagens não lidas',
    },
    messageFailed: 'Não entregue.',
    messageIncomplete: 'A resposta foi interrompida.',
    messageWaiting: 'Aguardando conexão…',
    youSaid: 'Você',
    botSaid: 'Bot',
    'error.network':
      'Não foi possível acessar o serviço de chat. Verifique sua conexão e tente novamente.',
    'error.offline':
      'Parece que você está offline. Sua mensagem foi guardada; tente novamente quando a conexão voltar.',
    'error.timeout': 'O serviço de chat demorou demais para responder. Tente novamente.',
    'error.http': 'O serviço de chat teve um problema ao responder. Tente novamente.',
    'error.unauthorized': 'Este chat não tem permissão para se conectar agora.',
    'error.not_found': 'O serviço de chat não está disponível no momento.',
    'error.too_large': 'Essa mensagem é longa demais para ser enviada.',
    'error.rate_limited': 'Muitas mensagens de uma vez. Aguarde um momento e tente novamente.',
    'error.server': 'O serviço de chat está com problemas. Tente novamente em instantes.',
    'error.bad_reply':
      'O serviço de chat enviou uma resposta que não conseguimos ler. Tente novamente.',
    'error.bot_error': 'O bot teve um problema ao responder. Tente novamente.',
    'error.config': 'Este chat não está configurado corretamente.',
    'error.load': 'Não foi possível carregar o chat. Tente novamente mais tarde.',
  },
};
