from vanban.cli.main import main

main()
