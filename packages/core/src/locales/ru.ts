import type { LocalePack } from '../i18n/locale-pack.js';

/** Russian. */
export const ru: LocalePack = {
  locale: 'ru',
  messages: {
    title: 'Чат',
    subtitle: '',
    openChat: 'Открыть чат',
    closeChat: 'Закрыть чат',
    newSession: 'Начать новый разговор',
    inputLabel: 'Сообщение',
    inputPlaceholder: 'Введите сообщение…',
    send: 'Отправить',
    stop: 'Остановить ответ',
    retry: 'Повторить',
    retryMessage: 'Повторить: {text}',
    bubbleUnread: '{label}, {unread}',
    typing: 'Печатает…',
    tooltip: 'Здравствуйте! Нужна помощь?',
    dismissTooltip: 'Закрыть',
    poweredBy: 'Работает на ChatWidgetPro',
    statusOnline: 'В сети',
    statusResponding: 'Печатает…',
    statusOffline: 'Не в сети',
    unread: {
      one: '{count} непрочитанное сообщение',
      few: '{count} непрочитанных сообщения',
      many: '{count} непрочитанных сообщений',
      other: '{count} непрочитанного сообщения',
    },
    messageFailed: 'Не доставлено.',
    messageIncomplete: 'Ответ был прерван.',
    messageWaiting: 'Ожидание подключения…',
    youSaid: 'Вы',
    botSaid: 'Бот',
    'error.network':
      'Не удалось связаться с сервисом чата. Проверьте подключение и попробуйте снова.',
    'error.offline':
      'Похоже, вы не в сети. Ваше сообщение сохранено — попробуйте снова, когда подключение восстановится.',
    'error.timeout': 'Сервис чата слишком долго не отвечал. Попробуйте ещё раз.',
    'error.http': 'У сервиса чата возникла проблема с ответом. Попробуйте ещё раз.',
    'error.unauthorized': 'Этому чату сейчас не разрешено подключаться.',
    'error.not_found': 'Сервис чата сейчас недоступен.',
    'error.too_large': 'Сообщение слишком длинное для отправки.',
    'error.rate_limited': 'Слишком много сообщений подряд. Подождите немного и попробуйте снова.',
    'error.server': 'В работе сервиса чата возникли неполадки. Попробуйте чуть позже.',
    'error.bad_reply':
      'Сервис чата прислал ответ, который не удалось прочитать. Попробуйте ещё раз.',
    'error.bot_error': 'У бота возникла проблема с ответом. Попробуйте ещё раз.',
    'error.config': 'Этот чат настроен неправильно.',
    'error.load': 'Не удалось загрузить чат. Попробуйте позже.',
  },
};
