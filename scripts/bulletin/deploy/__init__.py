"""Putting a built site on a server: releases, publish and rollback, the site check, htpasswd.
May import the adapter (to build) and the core."""
