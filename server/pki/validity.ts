/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Certificates start this long before they are made, as kubeadm does, so a
 * host whose clock runs a little behind the server's still accepts them.
 */
export const CERTIFICATE_BACKDATE_MS = 5 * 60 * 1000;
