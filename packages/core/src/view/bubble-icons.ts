/** The built-in icons `bubble.icon` may name (any other value is an image URL). */
export const bubbleIcons = ['chat', 'help', 'sparkle'] as const;
