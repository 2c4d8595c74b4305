#ifndef RETAKE_COACH_CLIBYAML_SHIM_H
#define RETAKE_COACH_CLIBYAML_SHIM_H

// libyaml's parser, read event by event into rule-pack nodes.
#include <yaml.h>

#endif
