// Browser journeys take longer than unit tests: each page is also scanned by axe-core.
jest.setTimeout(90_000);
