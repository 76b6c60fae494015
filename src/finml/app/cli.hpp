#pragma once
/// @file finml/app/cli.hpp
/// The `finml` command line: serve, migrate, healthcheck, version.
namespace finml::app {

/// Parses the command line, loads the configuration and runs the command; returns the exit
/// code (2 for a usage or configuration error).
int run_cli(int argc, char** argv);

}  // namespace finml::app
