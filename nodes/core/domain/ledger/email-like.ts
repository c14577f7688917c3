// Anything shaped like name@domain.tld: the public chain cannot be erased, so such values are
// refused there and must be passed as evidence. One character before the "@" is enough to
// decide (a longer name contains it), and asking for only one keeps the search linear: a
// leading `[^...]+` would rescan the rest of the text from every start, so a long value
// without an address took seconds (quadratic).
export const EMAIL_LIKE = /[^\s@"<>]@[^\s@"<>]+\.[A-Za-z]{2,}/;
