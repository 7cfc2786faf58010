"""The command line: arguments in, keyword arguments to the stages, diagnostics printed, exit code out."""
