print("scripts may print")
