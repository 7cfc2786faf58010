"""Documents for people: the build report and status page, check reports, review and pseudo-locale pages."""
