// phisentry-sweep: `phisentry sweep` in an executable of its own (see host/CMakeLists.txt); phisentry
// hands its arguments over unchanged.
#include "phisentry/cli/commands.h"

int main(int argc, char** argv) { return phisentry::cli::run_command("sweep", phisentry::cli::sweep_command, {argv + 1, argv + argc}); }
