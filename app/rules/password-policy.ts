/** Password length rules (OWASP ASVS: at least 12 characters, long passphrases allowed). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
