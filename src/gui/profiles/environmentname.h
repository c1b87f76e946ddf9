#pragma once

#include <QString>

namespace strata::gui {

// An environment as shown: the standard ones (Development, Staging, Production, as profiles store
// them) in the app's language, a custom one as it was typed.
QString environmentName(const QString &environment);

// The stored name of an environment shown or typed in the app's language: the standard
// environment whose shown name it is (in any case), else the text itself, trimmed.
QString environmentFromName(const QString &shown);

} // namespace strata::gui
