package flows

// Command is a bot command for Telegram's command menu (setMyCommands).
type Command struct {
	Name    string // without the slash: 1-32 of a-z 0-9 _
	DescKey string // key of its description in Texts
}

// Commands returns the commands the bot understands, in menu order.
func Commands() []Command {
	return []Command{
		{Name: cmdStart, DescKey: keyCmdStart},
		{Name: cmdMenu, DescKey: keyCmdMenu},
		{Name: cmdRequest, DescKey: keyCmdRequest},
		{Name: cmdMyRequests, DescKey: keyCmdMyRequests},
		{Name: cmdQueue, DescKey: keyCmdQueue},
		{Name: cmdHelp, DescKey: keyCmdHelp},
		{Name: cmdLanguage, DescKey: keyCmdLanguage},
		{Name: cmdCancel, DescKey: keyCmdCancel},
		{Name: cmdPrivacy, DescKey: keyCmdPrivacy},
	}
}

// Command names.
const (
	cmdStart      = "start"
	cmdMenu       = "menu"
	cmdHelp       = "help"
	cmdLanguage   = "language"
	cmdCancel     = "cancel"
	cmdPrivacy    = "privacy"
	cmdRequest    = "beratung"
	cmdMyRequests = "anfragen"
	cmdQueue      = "offen"
)
