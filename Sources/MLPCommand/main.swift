// Entry point of `mlp`; the command tree lives in MLPRootCommand.
MLPRootCommand.main()
