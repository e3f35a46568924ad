from doorleren.cli import main

main()
