import type { LocalePack } from '../i18n/locale-pack.js';

/** Japanese. */
export const ja: LocalePack = {
  locale: 'ja',
  messages: {
    title: 'チャット',
    subtitle: '',
    openChat: 'チャットを開く',
    closeChat: 'チャットを閉じる',
    newSession: '新しい会話を始める',
    inputLabel: 'メッセージ',
    inputPlaceholder: 'メッセージを入力…',
    send: '送信',
    stop: '応答を停止',
    retry: '再試行',
    retryMessage: '再試行：{text}',
    copyCode: 'コードをコピー',
    bubbleUnread: '{label}、{unread}',
    typing: '入力中…',
    tooltip: 'こんにちは！何かお困りですか？',
    dismissTooltip: '閉じる',
    poweredBy: 'Powered by ChatWidgetPro',
    statusOnline: 'オンライン',
    statusResponding: '入力中…',
    statusOffline: 'オフライン',
    unread: { other: '未読メッセージ {count} 件' },
    messageFailed: '送信できませんでした。',
    messageIncomplete: '応答が中断されました。',
    messageWaiting: '接続を待っています…',
    messageStopped: 'この返信は停止されました。',
    starterPrompts: 'おすすめの質問',
    copyReply: 'コピー',
    copied: 'コピーしました',
    feedbackUp: '役に立った',
    feedbackDown: '役に立たなかった',
    youSaid: 'あなた',
    botSaid: 'ボット',
    'error.network':
      'チャットサービスに接続できませんでした。接続を確認して、もう一度お試しください。',
    'error.offline':
      'オフラインのようです。メッセージは保存されています。オンラインに戻ったらもう一度お試しください。',
    'error.timeout': 'チャットサービスの応答に時間がかかりすぎました。もう一度お試しください。',
    'error.http': 'チャットサービスの応答中に問題が発生しました。もう一度お試しください。',
    'error.unauthorized': 'このチャットは現在接続が許可されていません。',
    'error.not_found': 'チャットサービスは現在ご利用いただけません。',
    'error.too_large': 'メッセージが長すぎるため送信できません。',
    'error.rate_limited':
      '短時間に送信されたメッセージが多すぎます。しばらく待ってからもう一度お試しください。',
    'error.server':
      'チャットサービスで問題が発生しています。しばらくしてからもう一度お試しください。',
    'error.bad_reply':
      'チャットサービスから読み取れない応答が返されました。もう一度お試しください。',
    'error.bot_error': 'ボットの応答中に問題が発生しました。もう一度お試しください。',
    'error.config': 'このチャットは正しく設定されていません。',
    'error.load': 'チャットを読み込めませんでした。しばらくしてからもう一度お試しください。',
    'error.cut_off': '返信が途中で切れました。もう一度お試しください。',
  },
};
