print("mlp-server")
