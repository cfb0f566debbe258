// Integration tests hash real passwords (scrypt, N=2^17) and render PDFs: on a busy shared
// machine one test can take longer than jest's default 5 s.
jest.setTimeout(30_000);
