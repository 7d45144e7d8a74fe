"""Browser tests: the built site in the system Chromium, through Playwright."""
