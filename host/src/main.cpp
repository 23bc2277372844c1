// phisentry: argument parsing and dispatch live in the library (cli/dispatch.cpp) so tests run the
// same code as the executable.
#include "phisentry/cli/commands.h"

int main(int argc, char** argv) { return phisentry::cli::run(argc, argv); }
