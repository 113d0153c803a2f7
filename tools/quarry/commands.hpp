// The subcommands of the quarry tool. Each add_*_command registers its
// options on `app` and a callback that does the work; errors leave as
// CliError (or quarry exceptions), which main() turns into a message and an
// exit status.
#pragma once

namespace CLI {
class App;
}

namespace quarry::cli {

void add_reflect_command(CLI::App& app);
void add_codegen_command(CLI::App& app);
void add_erd_command(CLI::App& app);

}  // namespace quarry::cli
