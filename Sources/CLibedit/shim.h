#ifndef RETAKE_COACH_CLIBEDIT_SHIM_H
#define RETAKE_COACH_CLIBEDIT_SHIM_H

// libedit's native API. Its variadic entry points (el_set, el_get and
// history) cannot be called from Swift; the line editor wraps each use it
// makes in a small inline function here.
#include <stdio.h>
#include <histedit.h>

#endif
