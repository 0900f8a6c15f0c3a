"""Staff two-factor sign-in: TOTP, passkeys and recovery codes (issue 14)."""
