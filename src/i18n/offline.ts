// The only words the script-tag entry carries itself: what an element says when neither its language nor English
// could be fetched (every language is a lazy chunk, i18n.ts), which only happens when the network is gone. English
// takes them from here, so they are written once.
export const offline = {
  network: 'We could not reach the server. Check your connection and try again.',
  retry: 'Try again',
};
