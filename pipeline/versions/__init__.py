"""Versioned documents: releases of the source, what each translation translates, archives."""
