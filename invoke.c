/*
 * The trampoline: the only function through which libevent calls PHP (G1, G4), and the
 * lifecycle helpers every child object (Event, AsyncStream, AsyncStreamServer) shares:
 * take-callbacks-then-release, the guard around a callback (in the header), and the one
 * "is the base usable" check of a PHP method.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "zend_exceptions.h"

void as_callback_init(as_callback *cb)
{
	ZVAL_UNDEF(&cb->callable);
	cb->cached = false;
}

AS_RUNS_PHP void as_callback_set(as_callback *cb, zend_fcall_info *fci, zend_fcall_info_cache *fcc)
{
	zval old;

	/* Release the old callable last: it may own the new one (a closure returning a closure). */
	ZVAL_COPY_VALUE(&old, &cb->callable);
	ZVAL_COPY(&cb->callable, &fci->function_name);
	cb->fcc = *fcc;
	cb->cached = fcc->function_handler != NULL
		&& !(fcc->function_handler->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE);
	if (!cb->cached && fcc->function_handler
			&& (fcc->function_handler->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE)) {
		/* ZPP resolved a __call trampoline for us; it is ours to release. */
		zend_release_fcall_info_cache(fcc);
	}
	zval_ptr_dtor(&old);
}

AS_RUNS_PHP void as_callback_clear(as_callback *cb)
{
	zval old;

	if (Z_ISUNDEF(cb->callable)) {
		return;
	}
	ZVAL_COPY_VALUE(&old, &cb->callable);
	ZVAL_UNDEF(&cb->callable);
	cb->cached = false;
	zval_ptr_dtor(&old);
}

void as_callback_gc(zend_get_gc_buffer *buf, as_callback *cb)
{
	if (!Z_ISUNDEF(cb->callable)) {
		zend_get_gc_buffer_add_zval(buf, &cb->callable);
	}
}

AS_RUNS_PHP bool as_invoke(as_base *base, zend_object *owner, as_callback *cb, uint32_t argc, zval *argv)
{
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	zval callable, retval;
	bool ok, bailout = false;

	if (UNEXPECTED(EG(exception) || (base && base->bailout))) {
		/* An earlier callback in this batch threw or bailed out: run nothing more, stop the loop. */
		if (base && base->base) {
			event_base_loopbreak(base->base);
		}
		return false;
	}
	if (UNEXPECTED(Z_ISUNDEF(cb->callable))) {
		return true;
	}

	/*
	 * Our own references for the duration of the call: the callback may free, unset or
	 * close its owner and clear or replace the callable. Both stay valid until we return.
	 */
	GC_ADDREF(owner);
	ZVAL_COPY(&callable, &cb->callable);

	fci.size = sizeof(fci);
	ZVAL_COPY_VALUE(&fci.function_name, &callable);
	fci.retval = &retval;
	fci.params = argv;
	fci.param_count = argc;
	fci.named_params = NULL;
	ZVAL_UNDEF(&retval);

	/*
	 * A fatal error in the callback longjmps to the nearest zend_try. Jumping over
	 * libevent's frames would leave its loop marked as running (every later loop() on
	 * this base fails: "reentrant invocation") and skip our callers' bookkeeping, so
	 * catch it here, let libevent return normally, and have loop() resume the bailout.
	 */
	zend_try {
		if (EXPECTED(cb->cached)) {
			fcc = cb->fcc;
			zend_call_function(&fci, &fcc);
		} else {
			zend_call_function(&fci, NULL);
		}
	} zend_catch {
		bailout = true;
	} zend_end_try();

	if (UNEXPECTED(bailout)) {
		if (!base || !base->base) {
			zend_bailout(); /* no loop of ours to unwind */
		}
		base->bailout = true;
		event_base_loopbreak(base->base);
		zval_ptr_dtor(&callable);
		OBJ_RELEASE(owner);
		return false;
	}
	zval_ptr_dtor(&retval);

	if (base) {
		/*
		 * G5: a callback that forked returns, in the child, straight into libevent's loop,
		 * which would go on polling the backend shared with the parent. Re-initialise first.
		 * (The loop holds a reference on the base, so it is still there.)
		 */
		as_base_fork_check(base);
	}

	ok = EG(exception) == NULL;
	if (UNEXPECTED(!ok) && base && base->base) {
		/* G4: stop at once; loop() rethrows. Pending state is left as it is. */
		event_base_loopbreak(base->base);
	}

	zval_ptr_dtor(&callable);
	OBJ_RELEASE(owner);
	return ok;
}

void as_callbacks_take(as_callback *const *cbs, uint32_t n, zval *out)
{
	for (uint32_t i = 0; i < n; i++) {
		ZVAL_COPY_VALUE(&out[i], &cbs[i]->callable);
		ZVAL_UNDEF(&cbs[i]->callable);
		cbs[i]->cached = false;
	}
}

AS_RUNS_PHP void as_zvals_release(zval *vals, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		zval_ptr_dtor(&vals[i]);
	}
}

void as_throw(zend_class_entry *ce, zend_long code, const char *fmt, ...)
{
	va_list ap;
	zend_string *msg, *method;

	va_start(ap, fmt);
	msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	method = get_active_function_or_method_name();
	zend_throw_exception_ex(ce ? ce : zend_ce_error, code, "%s(): %s", ZSTR_VAL(method), ZSTR_VAL(msg));
	zend_string_release(method);
	zend_string_release(msg);
}

void as_throw_constructed_twice(void)
{
	zend_string *method = get_active_function_or_method_name();

	zend_throw_error(NULL, "%s() cannot be called twice", ZSTR_VAL(method));
	zend_string_release(method);
}

as_base *as_base_live_or_throw(as_base *b, bool given)
{
	if (EXPECTED(as_base_is_live(b))) {
		return b;
	}
	as_throw(NULL, 0, "the EventBase %s%s", given ? "given " : "",
		b->was_freed ? "has been freed"
		: given ? "is not initialised" : "is not initialised (its constructor was not called)");
	return NULL;
}
