#pragma once

// QScintilla's headers use Qt's `signals` and `slots` keywords, which Strata turns off
// (QT_NO_KEYWORDS); every QScintilla include goes through here.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qsciabstractapis.h>
#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>
#include <Qsci/qscilexersql.h>
#include <Qsci/qsciscintilla.h>
#undef signals
#undef slots
