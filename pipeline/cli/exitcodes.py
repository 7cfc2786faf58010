"""The exit codes of every command: 0 done, 1 findings or a failed stage, 2 usage or configuration."""

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
