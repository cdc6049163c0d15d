package io.jmongos.router.frontend.proxy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test class that leaks a buffer on purpose (to prove leaks are seen); {@link NoLeaks} leaves it alone. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LeaksOnPurpose {
}
