import EIDCLI
EIDCommandLine.main()
