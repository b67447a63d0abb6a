"""The data contract: the model, the YAML files an editor writes, their validation and loading, settings.
May import bulletin.text only."""
