#include <finml/app/cli.hpp>

int main(int argc, char** argv) { return finml::app::run_cli(argc, argv); }
