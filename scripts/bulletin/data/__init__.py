"""The data contract: the model, the YAML files an editor writes, their validation and loading, settings;
and their custody: batched writes, the data lock, which folders a command may replace.
May import bulletin.text only."""
