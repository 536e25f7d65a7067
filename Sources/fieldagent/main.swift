import FieldAgentClientCLI
import Foundation

exit(await ClientTool.main(Array(CommandLine.arguments.dropFirst())))
