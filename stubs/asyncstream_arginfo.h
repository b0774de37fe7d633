/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9306f2d6125dd1fe4e9018cd6e4e15e890b10c1b */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_EventConfig___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventConfig_avoidMethod, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, method, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventConfig_requireFeatures, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, feature, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventConfig_setMaxDispatchInterval, 0, 3, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, max_interval, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, max_callbacks, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, min_priority, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventConfig_setFlags, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, flags, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventConfig___sleep, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventConfig___wakeup, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_EventBase___construct, 0, 0, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, cfg, EventConfig, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventBase_getMethod, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventBase_getFeatures, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventBase_priorityInit, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, n_priorities, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventBase_loop, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, flags, IS_LONG, 0, "-1")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventBase_dispatch, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventBase_exit, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "0.0")
ZEND_END_ARG_INFO()

#define arginfo_class_EventBase_stop arginfo_class_EventBase_dispatch

#define arginfo_class_EventBase_gotStop arginfo_class_EventBase_dispatch

#define arginfo_class_EventBase_gotExit arginfo_class_EventBase_dispatch

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventBase_set, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_OBJ_INFO(0, event, Event, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventBase_getTimeOfDayCached, 0, 0, IS_DOUBLE, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_EventBase_updateCacheTime arginfo_class_EventBase_dispatch

#define arginfo_class_EventBase_resume arginfo_class_EventBase_dispatch

#define arginfo_class_EventBase_reInit arginfo_class_EventBase_dispatch

#define arginfo_class_EventBase_free arginfo_class_EventConfig___wakeup

#define arginfo_class_EventBase___sleep arginfo_class_EventConfig___sleep

#define arginfo_class_EventBase___wakeup arginfo_class_EventConfig___wakeup

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Event___construct, 0, 0, 4)
	ZEND_ARG_OBJ_INFO(0, base, EventBase, 0)
	ZEND_ARG_TYPE_INFO(0, fd, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, what, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, cb, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, arg, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Event_set, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_OBJ_INFO(0, base, EventBase, 0)
	ZEND_ARG_TYPE_INFO(0, fd, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, what, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, cb, IS_CALLABLE, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, arg, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Event_setTimer, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_OBJ_INFO(0, base, EventBase, 0)
	ZEND_ARG_TYPE_INFO(0, cb, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, arg, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Event_add, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "-1")
ZEND_END_ARG_INFO()

#define arginfo_class_Event_addTimer arginfo_class_Event_add

#define arginfo_class_Event_addSignal arginfo_class_Event_add

#define arginfo_class_Event_del arginfo_class_EventBase_dispatch

#define arginfo_class_Event_delTimer arginfo_class_EventBase_dispatch

#define arginfo_class_Event_delSignal arginfo_class_EventBase_dispatch

#define arginfo_class_Event_removeTimer arginfo_class_EventBase_dispatch

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Event_setPriority, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, priority, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Event_pending arginfo_class_EventConfig_setFlags

#define arginfo_class_Event_free arginfo_class_EventConfig___wakeup

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Event_timer, 0, 2, Event, 0)
	ZEND_ARG_OBJ_INFO(0, base, EventBase, 0)
	ZEND_ARG_TYPE_INFO(0, cb, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, arg, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Event_signal, 0, 3, Event, 0)
	ZEND_ARG_OBJ_INFO(0, base, EventBase, 0)
	ZEND_ARG_TYPE_INFO(0, signum, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, cb, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, arg, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Event_getSupportedMethods arginfo_class_EventConfig___sleep

#define arginfo_class_EventUtil___construct arginfo_class_EventConfig___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventUtil_getSocketFd, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, socket, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventUtil_getSocketName, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, socket, IS_MIXED, 0)
	ZEND_ARG_INFO(1, address)
	ZEND_ARG_INFO_WITH_DEFAULT_VALUE(1, port, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_EventUtil_setSocketOption, 0, 4, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, socket, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, level, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, optname, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, optval, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_EventUtil_getLastSocketErrno, 0, 0, MAY_BE_LONG|MAY_BE_FALSE)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, socket, Socket, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_EventUtil_getLastSocketError, 0, 0, MAY_BE_STRING|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, socket, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_AsyncStream___construct, 0, 0, 2)
	ZEND_ARG_OBJ_INFO(0, base, EventBase, 0)
	ZEND_ARG_TYPE_INFO(0, socket, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_AsyncStream_connect, 0, 2, AsyncStream, 0)
	ZEND_ARG_OBJ_INFO(0, base, EventBase, 0)
	ZEND_ARG_TYPE_INFO(0, address, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AsyncStream_onConnect, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, cb, IS_CALLABLE, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_AsyncStream_onData arginfo_class_AsyncStream_onConnect

#define arginfo_class_AsyncStream_onDrain arginfo_class_AsyncStream_onConnect

#define arginfo_class_AsyncStream_onEnd arginfo_class_AsyncStream_onConnect

#define arginfo_class_AsyncStream_onClose arginfo_class_AsyncStream_onConnect

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AsyncStream_write, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AsyncStream_end, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, data, IS_STRING, 0, "\"\"")
ZEND_END_ARG_INFO()

#define arginfo_class_AsyncStream_close arginfo_class_EventConfig___wakeup

#define arginfo_class_AsyncStream_pause arginfo_class_EventConfig___wakeup

#define arginfo_class_AsyncStream_resume arginfo_class_EventConfig___wakeup

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AsyncStream_setFraming, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, mode, IS_LONG, 0)
	ZEND_ARG_TYPE_MASK(0, arg, MAY_BE_STRING|MAY_BE_LONG|MAY_BE_NULL, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AsyncStream_setTimeout, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, seconds, IS_DOUBLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AsyncStream_setNoDelay, 0, 0, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, on, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

#define arginfo_class_AsyncStream_setKeepAlive arginfo_class_AsyncStream_setNoDelay

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AsyncStream_getLocalAddress, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_AsyncStream_getRemoteAddress arginfo_class_AsyncStream_getLocalAddress

#define arginfo_class_AsyncStream_getWriteBufferSize arginfo_class_EventBase_getFeatures

#define arginfo_class_AsyncStream_isConnected arginfo_class_EventBase_dispatch

#define arginfo_class_AsyncStream_isClosed arginfo_class_EventBase_dispatch

#define arginfo_class_AsyncStream_getIoMethod arginfo_class_EventBase_getMethod

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AsyncStream_startTls, 0, 0, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tls, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, onSecure, IS_CALLABLE, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_AsyncStream_getTlsInfo, 0, 0, IS_ARRAY, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_AsyncStreamServer___construct, 0, 0, 3)
	ZEND_ARG_OBJ_INFO(0, base, EventBase, 0)
	ZEND_ARG_TYPE_INFO(0, address, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, onConnection, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_AsyncStreamServer_onError arginfo_class_AsyncStream_onConnect

#define arginfo_class_AsyncStreamServer_getAddress arginfo_class_EventBase_getMethod

#define arginfo_class_AsyncStreamServer_pause arginfo_class_EventConfig___wakeup

#define arginfo_class_AsyncStreamServer_resume arginfo_class_EventConfig___wakeup

#define arginfo_class_AsyncStreamServer_close arginfo_class_EventConfig___wakeup

#define arginfo_class_AsyncStreamServer_isListening arginfo_class_EventBase_dispatch


ZEND_METHOD(EventConfig, __construct);
ZEND_METHOD(EventConfig, avoidMethod);
ZEND_METHOD(EventConfig, requireFeatures);
ZEND_METHOD(EventConfig, setMaxDispatchInterval);
ZEND_METHOD(EventConfig, setFlags);
ZEND_METHOD(EventConfig, __sleep);
ZEND_METHOD(EventConfig, __wakeup);
ZEND_METHOD(EventBase, __construct);
ZEND_METHOD(EventBase, getMethod);
ZEND_METHOD(EventBase, getFeatures);
ZEND_METHOD(EventBase, priorityInit);
ZEND_METHOD(EventBase, loop);
ZEND_METHOD(EventBase, dispatch);
ZEND_METHOD(EventBase, exit);
ZEND_METHOD(EventBase, stop);
ZEND_METHOD(EventBase, gotStop);
ZEND_METHOD(EventBase, gotExit);
ZEND_METHOD(EventBase, set);
ZEND_METHOD(EventBase, getTimeOfDayCached);
ZEND_METHOD(EventBase, updateCacheTime);
ZEND_METHOD(EventBase, resume);
ZEND_METHOD(EventBase, reInit);
ZEND_METHOD(EventBase, free);
ZEND_METHOD(EventBase, __sleep);
ZEND_METHOD(EventBase, __wakeup);
ZEND_METHOD(Event, __construct);
ZEND_METHOD(Event, set);
ZEND_METHOD(Event, setTimer);
ZEND_METHOD(Event, add);
ZEND_METHOD(Event, del);
ZEND_METHOD(Event, removeTimer);
ZEND_METHOD(Event, setPriority);
ZEND_METHOD(Event, pending);
ZEND_METHOD(Event, free);
ZEND_METHOD(Event, timer);
ZEND_METHOD(Event, signal);
ZEND_METHOD(Event, getSupportedMethods);
ZEND_METHOD(EventUtil, __construct);
ZEND_METHOD(EventUtil, getSocketFd);
ZEND_METHOD(EventUtil, getSocketName);
ZEND_METHOD(EventUtil, setSocketOption);
ZEND_METHOD(EventUtil, getLastSocketErrno);
ZEND_METHOD(EventUtil, getLastSocketError);
ZEND_METHOD(AsyncStream, __construct);
ZEND_METHOD(AsyncStream, connect);
ZEND_METHOD(AsyncStream, onConnect);
ZEND_METHOD(AsyncStream, onData);
ZEND_METHOD(AsyncStream, onDrain);
ZEND_METHOD(AsyncStream, onEnd);
ZEND_METHOD(AsyncStream, onClose);
ZEND_METHOD(AsyncStream, write);
ZEND_METHOD(AsyncStream, end);
ZEND_METHOD(AsyncStream, close);
ZEND_METHOD(AsyncStream, pause);
ZEND_METHOD(AsyncStream, resume);
ZEND_METHOD(AsyncStream, setFraming);
ZEND_METHOD(AsyncStream, setTimeout);
ZEND_METHOD(AsyncStream, setNoDelay);
ZEND_METHOD(AsyncStream, setKeepAlive);
ZEND_METHOD(AsyncStream, getLocalAddress);
ZEND_METHOD(AsyncStream, getRemoteAddress);
ZEND_METHOD(AsyncStream, getWriteBufferSize);
ZEND_METHOD(AsyncStream, isConnected);
ZEND_METHOD(AsyncStream, isClosed);
ZEND_METHOD(AsyncStream, getIoMethod);
ZEND_METHOD(AsyncStream, startTls);
ZEND_METHOD(AsyncStream, getTlsInfo);
ZEND_METHOD(AsyncStreamServer, __construct);
ZEND_METHOD(AsyncStreamServer, onError);
ZEND_METHOD(AsyncStreamServer, getAddress);
ZEND_METHOD(AsyncStreamServer, pause);
ZEND_METHOD(AsyncStreamServer, resume);
ZEND_METHOD(AsyncStreamServer, close);
ZEND_METHOD(AsyncStreamServer, isListening);


static const zend_function_entry class_EventConfig_methods[] = {
	ZEND_ME(EventConfig, __construct, arginfo_class_EventConfig___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(EventConfig, avoidMethod, arginfo_class_EventConfig_avoidMethod, ZEND_ACC_PUBLIC)
	ZEND_ME(EventConfig, requireFeatures, arginfo_class_EventConfig_requireFeatures, ZEND_ACC_PUBLIC)
	ZEND_ME(EventConfig, setMaxDispatchInterval, arginfo_class_EventConfig_setMaxDispatchInterval, ZEND_ACC_PUBLIC)
	ZEND_ME(EventConfig, setFlags, arginfo_class_EventConfig_setFlags, ZEND_ACC_PUBLIC)
	ZEND_ME(EventConfig, __sleep, arginfo_class_EventConfig___sleep, ZEND_ACC_PUBLIC)
	ZEND_ME(EventConfig, __wakeup, arginfo_class_EventConfig___wakeup, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_EventBase_methods[] = {
	ZEND_ME(EventBase, __construct, arginfo_class_EventBase___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, getMethod, arginfo_class_EventBase_getMethod, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, getFeatures, arginfo_class_EventBase_getFeatures, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, priorityInit, arginfo_class_EventBase_priorityInit, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, loop, arginfo_class_EventBase_loop, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, dispatch, arginfo_class_EventBase_dispatch, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, exit, arginfo_class_EventBase_exit, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, stop, arginfo_class_EventBase_stop, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, gotStop, arginfo_class_EventBase_gotStop, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, gotExit, arginfo_class_EventBase_gotExit, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, set, arginfo_class_EventBase_set, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, getTimeOfDayCached, arginfo_class_EventBase_getTimeOfDayCached, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, updateCacheTime, arginfo_class_EventBase_updateCacheTime, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, resume, arginfo_class_EventBase_resume, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, reInit, arginfo_class_EventBase_reInit, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, free, arginfo_class_EventBase_free, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, __sleep, arginfo_class_EventBase___sleep, ZEND_ACC_PUBLIC)
	ZEND_ME(EventBase, __wakeup, arginfo_class_EventBase___wakeup, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Event_methods[] = {
	ZEND_ME(Event, __construct, arginfo_class_Event___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Event, set, arginfo_class_Event_set, ZEND_ACC_PUBLIC)
	ZEND_ME(Event, setTimer, arginfo_class_Event_setTimer, ZEND_ACC_PUBLIC)
	ZEND_ME(Event, add, arginfo_class_Event_add, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(Event, addTimer, add, arginfo_class_Event_addTimer, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(Event, addSignal, add, arginfo_class_Event_addSignal, ZEND_ACC_PUBLIC)
	ZEND_ME(Event, del, arginfo_class_Event_del, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(Event, delTimer, del, arginfo_class_Event_delTimer, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(Event, delSignal, del, arginfo_class_Event_delSignal, ZEND_ACC_PUBLIC)
	ZEND_ME(Event, removeTimer, arginfo_class_Event_removeTimer, ZEND_ACC_PUBLIC)
	ZEND_ME(Event, setPriority, arginfo_class_Event_setPriority, ZEND_ACC_PUBLIC)
	ZEND_ME(Event, pending, arginfo_class_Event_pending, ZEND_ACC_PUBLIC)
	ZEND_ME(Event, free, arginfo_class_Event_free, ZEND_ACC_PUBLIC)
	ZEND_ME(Event, timer, arginfo_class_Event_timer, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Event, signal, arginfo_class_Event_signal, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Event, getSupportedMethods, arginfo_class_Event_getSupportedMethods, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_EventUtil_methods[] = {
	ZEND_ME(EventUtil, __construct, arginfo_class_EventUtil___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(EventUtil, getSocketFd, arginfo_class_EventUtil_getSocketFd, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(EventUtil, getSocketName, arginfo_class_EventUtil_getSocketName, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(EventUtil, setSocketOption, arginfo_class_EventUtil_setSocketOption, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(EventUtil, getLastSocketErrno, arginfo_class_EventUtil_getLastSocketErrno, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(EventUtil, getLastSocketError, arginfo_class_EventUtil_getLastSocketError, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_EventException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_AsyncStream_methods[] = {
	ZEND_ME(AsyncStream, __construct, arginfo_class_AsyncStream___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, connect, arginfo_class_AsyncStream_connect, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(AsyncStream, onConnect, arginfo_class_AsyncStream_onConnect, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, onData, arginfo_class_AsyncStream_onData, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, onDrain, arginfo_class_AsyncStream_onDrain, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, onEnd, arginfo_class_AsyncStream_onEnd, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, onClose, arginfo_class_AsyncStream_onClose, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, write, arginfo_class_AsyncStream_write, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, end, arginfo_class_AsyncStream_end, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, close, arginfo_class_AsyncStream_close, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, pause, arginfo_class_AsyncStream_pause, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, resume, arginfo_class_AsyncStream_resume, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, setFraming, arginfo_class_AsyncStream_setFraming, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, setTimeout, arginfo_class_AsyncStream_setTimeout, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, setNoDelay, arginfo_class_AsyncStream_setNoDelay, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, setKeepAlive, arginfo_class_AsyncStream_setKeepAlive, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, getLocalAddress, arginfo_class_AsyncStream_getLocalAddress, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, getRemoteAddress, arginfo_class_AsyncStream_getRemoteAddress, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, getWriteBufferSize, arginfo_class_AsyncStream_getWriteBufferSize, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, isConnected, arginfo_class_AsyncStream_isConnected, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, isClosed, arginfo_class_AsyncStream_isClosed, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, getIoMethod, arginfo_class_AsyncStream_getIoMethod, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, startTls, arginfo_class_AsyncStream_startTls, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStream, getTlsInfo, arginfo_class_AsyncStream_getTlsInfo, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AsyncStreamServer_methods[] = {
	ZEND_ME(AsyncStreamServer, __construct, arginfo_class_AsyncStreamServer___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStreamServer, onError, arginfo_class_AsyncStreamServer_onError, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStreamServer, getAddress, arginfo_class_AsyncStreamServer_getAddress, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStreamServer, pause, arginfo_class_AsyncStreamServer_pause, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStreamServer, resume, arginfo_class_AsyncStreamServer_resume, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStreamServer, close, arginfo_class_AsyncStreamServer_close, ZEND_ACC_PUBLIC)
	ZEND_ME(AsyncStreamServer, isListening, arginfo_class_AsyncStreamServer_isListening, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_AsyncStreamException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_AsyncStreamDnsException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_AsyncStreamTlsException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_EventConfig(void)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "EventConfig", class_EventConfig_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval const_FEATURE_ET_value;
	ZVAL_LONG(&const_FEATURE_ET_value, EV_FEATURE_ET);
	zend_string *const_FEATURE_ET_name = zend_string_init_interned("FEATURE_ET", sizeof("FEATURE_ET") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FEATURE_ET_name, &const_FEATURE_ET_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FEATURE_ET_name);

	zval const_FEATURE_O1_value;
	ZVAL_LONG(&const_FEATURE_O1_value, EV_FEATURE_O1);
	zend_string *const_FEATURE_O1_name = zend_string_init_interned("FEATURE_O1", sizeof("FEATURE_O1") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FEATURE_O1_name, &const_FEATURE_O1_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FEATURE_O1_name);

	zval const_FEATURE_FDS_value;
	ZVAL_LONG(&const_FEATURE_FDS_value, EV_FEATURE_FDS);
	zend_string *const_FEATURE_FDS_name = zend_string_init_interned("FEATURE_FDS", sizeof("FEATURE_FDS") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FEATURE_FDS_name, &const_FEATURE_FDS_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FEATURE_FDS_name);

	return class_entry;
}

static zend_class_entry *register_class_EventBase(void)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "EventBase", class_EventBase_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval const_LOOP_ONCE_value;
	ZVAL_LONG(&const_LOOP_ONCE_value, EVLOOP_ONCE);
	zend_string *const_LOOP_ONCE_name = zend_string_init_interned("LOOP_ONCE", sizeof("LOOP_ONCE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_LOOP_ONCE_name, &const_LOOP_ONCE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_LOOP_ONCE_name);

	zval const_LOOP_NONBLOCK_value;
	ZVAL_LONG(&const_LOOP_NONBLOCK_value, EVLOOP_NONBLOCK);
	zend_string *const_LOOP_NONBLOCK_name = zend_string_init_interned("LOOP_NONBLOCK", sizeof("LOOP_NONBLOCK") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_LOOP_NONBLOCK_name, &const_LOOP_NONBLOCK_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_LOOP_NONBLOCK_name);

	zval const_NOLOCK_value;
	ZVAL_LONG(&const_NOLOCK_value, EVENT_BASE_FLAG_NOLOCK);
	zend_string *const_NOLOCK_name = zend_string_init_interned("NOLOCK", sizeof("NOLOCK") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_NOLOCK_name, &const_NOLOCK_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_NOLOCK_name);

	zval const_IGNORE_ENV_value;
	ZVAL_LONG(&const_IGNORE_ENV_value, EVENT_BASE_FLAG_IGNORE_ENV);
	zend_string *const_IGNORE_ENV_name = zend_string_init_interned("IGNORE_ENV", sizeof("IGNORE_ENV") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_IGNORE_ENV_name, &const_IGNORE_ENV_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_IGNORE_ENV_name);

	zval const_STARTUP_IOCP_value;
	ZVAL_LONG(&const_STARTUP_IOCP_value, EVENT_BASE_FLAG_STARTUP_IOCP);
	zend_string *const_STARTUP_IOCP_name = zend_string_init_interned("STARTUP_IOCP", sizeof("STARTUP_IOCP") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_STARTUP_IOCP_name, &const_STARTUP_IOCP_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_STARTUP_IOCP_name);

	zval const_NO_CACHE_TIME_value;
	ZVAL_LONG(&const_NO_CACHE_TIME_value, EVENT_BASE_FLAG_NO_CACHE_TIME);
	zend_string *const_NO_CACHE_TIME_name = zend_string_init_interned("NO_CACHE_TIME", sizeof("NO_CACHE_TIME") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_NO_CACHE_TIME_name, &const_NO_CACHE_TIME_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_NO_CACHE_TIME_name);

	zval const_EPOLL_USE_CHANGELIST_value;
	ZVAL_LONG(&const_EPOLL_USE_CHANGELIST_value, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
	zend_string *const_EPOLL_USE_CHANGELIST_name = zend_string_init_interned("EPOLL_USE_CHANGELIST", sizeof("EPOLL_USE_CHANGELIST") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_EPOLL_USE_CHANGELIST_name, &const_EPOLL_USE_CHANGELIST_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_EPOLL_USE_CHANGELIST_name);

	zval const_PRECISE_TIMER_value;
	ZVAL_LONG(&const_PRECISE_TIMER_value, EVENT_BASE_FLAG_PRECISE_TIMER);
	zend_string *const_PRECISE_TIMER_name = zend_string_init_interned("PRECISE_TIMER", sizeof("PRECISE_TIMER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PRECISE_TIMER_name, &const_PRECISE_TIMER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PRECISE_TIMER_name);

	return class_entry;
}

static zend_class_entry *register_class_Event(void)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "Event", class_Event_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_TIMEOUT_value;
	ZVAL_LONG(&const_TIMEOUT_value, EV_TIMEOUT);
	zend_string *const_TIMEOUT_name = zend_string_init_interned("TIMEOUT", sizeof("TIMEOUT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TIMEOUT_name, &const_TIMEOUT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TIMEOUT_name);

	zval const_READ_value;
	ZVAL_LONG(&const_READ_value, EV_READ);
	zend_string *const_READ_name = zend_string_init_interned("READ", sizeof("READ") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_READ_name, &const_READ_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_READ_name);

	zval const_WRITE_value;
	ZVAL_LONG(&const_WRITE_value, EV_WRITE);
	zend_string *const_WRITE_name = zend_string_init_interned("WRITE", sizeof("WRITE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_WRITE_name, &const_WRITE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_WRITE_name);

	zval const_SIGNAL_value;
	ZVAL_LONG(&const_SIGNAL_value, EV_SIGNAL);
	zend_string *const_SIGNAL_name = zend_string_init_interned("SIGNAL", sizeof("SIGNAL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SIGNAL_name, &const_SIGNAL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SIGNAL_name);

	zval const_PERSIST_value;
	ZVAL_LONG(&const_PERSIST_value, EV_PERSIST);
	zend_string *const_PERSIST_name = zend_string_init_interned("PERSIST", sizeof("PERSIST") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PERSIST_name, &const_PERSIST_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PERSIST_name);

	zval const_ET_value;
	ZVAL_LONG(&const_ET_value, EV_ET);
	zend_string *const_ET_name = zend_string_init_interned("ET", sizeof("ET") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_ET_name, &const_ET_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_ET_name);

	zval property_data_default_value;
	ZVAL_NULL(&property_data_default_value);
	zend_string *property_data_name = zend_string_init("data", sizeof("data") - 1, 1);
	zend_declare_typed_property(class_entry, property_data_name, &property_data_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ANY));
	zend_string_release(property_data_name);

	return class_entry;
}

static zend_class_entry *register_class_EventUtil(void)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "EventUtil", class_EventUtil_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_AF_INET_value;
	ZVAL_LONG(&const_AF_INET_value, AF_INET);
	zend_string *const_AF_INET_name = zend_string_init_interned("AF_INET", sizeof("AF_INET") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AF_INET_name, &const_AF_INET_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AF_INET_name);

	zval const_AF_INET6_value;
	ZVAL_LONG(&const_AF_INET6_value, AF_INET6);
	zend_string *const_AF_INET6_name = zend_string_init_interned("AF_INET6", sizeof("AF_INET6") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AF_INET6_name, &const_AF_INET6_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AF_INET6_name);

	zval const_AF_UNIX_value;
	ZVAL_LONG(&const_AF_UNIX_value, AF_UNIX);
	zend_string *const_AF_UNIX_name = zend_string_init_interned("AF_UNIX", sizeof("AF_UNIX") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AF_UNIX_name, &const_AF_UNIX_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AF_UNIX_name);

	zval const_AF_UNSPEC_value;
	ZVAL_LONG(&const_AF_UNSPEC_value, AF_UNSPEC);
	zend_string *const_AF_UNSPEC_name = zend_string_init_interned("AF_UNSPEC", sizeof("AF_UNSPEC") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AF_UNSPEC_name, &const_AF_UNSPEC_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AF_UNSPEC_name);

	zval const_SO_DEBUG_value;
	ZVAL_LONG(&const_SO_DEBUG_value, SO_DEBUG);
	zend_string *const_SO_DEBUG_name = zend_string_init_interned("SO_DEBUG", sizeof("SO_DEBUG") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_DEBUG_name, &const_SO_DEBUG_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_DEBUG_name);

	zval const_SO_REUSEADDR_value;
	ZVAL_LONG(&const_SO_REUSEADDR_value, SO_REUSEADDR);
	zend_string *const_SO_REUSEADDR_name = zend_string_init_interned("SO_REUSEADDR", sizeof("SO_REUSEADDR") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_REUSEADDR_name, &const_SO_REUSEADDR_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_REUSEADDR_name);

	zval const_SO_KEEPALIVE_value;
	ZVAL_LONG(&const_SO_KEEPALIVE_value, SO_KEEPALIVE);
	zend_string *const_SO_KEEPALIVE_name = zend_string_init_interned("SO_KEEPALIVE", sizeof("SO_KEEPALIVE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_KEEPALIVE_name, &const_SO_KEEPALIVE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_KEEPALIVE_name);

	zval const_SO_DONTROUTE_value;
	ZVAL_LONG(&const_SO_DONTROUTE_value, SO_DONTROUTE);
	zend_string *const_SO_DONTROUTE_name = zend_string_init_interned("SO_DONTROUTE", sizeof("SO_DONTROUTE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_DONTROUTE_name, &const_SO_DONTROUTE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_DONTROUTE_name);

	zval const_SO_LINGER_value;
	ZVAL_LONG(&const_SO_LINGER_value, SO_LINGER);
	zend_string *const_SO_LINGER_name = zend_string_init_interned("SO_LINGER", sizeof("SO_LINGER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_LINGER_name, &const_SO_LINGER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_LINGER_name);

	zval const_SO_BROADCAST_value;
	ZVAL_LONG(&const_SO_BROADCAST_value, SO_BROADCAST);
	zend_string *const_SO_BROADCAST_name = zend_string_init_interned("SO_BROADCAST", sizeof("SO_BROADCAST") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_BROADCAST_name, &const_SO_BROADCAST_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_BROADCAST_name);

	zval const_SO_OOBINLINE_value;
	ZVAL_LONG(&const_SO_OOBINLINE_value, SO_OOBINLINE);
	zend_string *const_SO_OOBINLINE_name = zend_string_init_interned("SO_OOBINLINE", sizeof("SO_OOBINLINE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_OOBINLINE_name, &const_SO_OOBINLINE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_OOBINLINE_name);

	zval const_SO_SNDBUF_value;
	ZVAL_LONG(&const_SO_SNDBUF_value, SO_SNDBUF);
	zend_string *const_SO_SNDBUF_name = zend_string_init_interned("SO_SNDBUF", sizeof("SO_SNDBUF") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_SNDBUF_name, &const_SO_SNDBUF_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_SNDBUF_name);

	zval const_SO_RCVBUF_value;
	ZVAL_LONG(&const_SO_RCVBUF_value, SO_RCVBUF);
	zend_string *const_SO_RCVBUF_name = zend_string_init_interned("SO_RCVBUF", sizeof("SO_RCVBUF") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_RCVBUF_name, &const_SO_RCVBUF_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_RCVBUF_name);

	zval const_SO_SNDLOWAT_value;
	ZVAL_LONG(&const_SO_SNDLOWAT_value, SO_SNDLOWAT);
	zend_string *const_SO_SNDLOWAT_name = zend_string_init_interned("SO_SNDLOWAT", sizeof("SO_SNDLOWAT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_SNDLOWAT_name, &const_SO_SNDLOWAT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_SNDLOWAT_name);

	zval const_SO_RCVLOWAT_value;
	ZVAL_LONG(&const_SO_RCVLOWAT_value, SO_RCVLOWAT);
	zend_string *const_SO_RCVLOWAT_name = zend_string_init_interned("SO_RCVLOWAT", sizeof("SO_RCVLOWAT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_RCVLOWAT_name, &const_SO_RCVLOWAT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_RCVLOWAT_name);

	zval const_SO_SNDTIMEO_value;
	ZVAL_LONG(&const_SO_SNDTIMEO_value, SO_SNDTIMEO);
	zend_string *const_SO_SNDTIMEO_name = zend_string_init_interned("SO_SNDTIMEO", sizeof("SO_SNDTIMEO") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_SNDTIMEO_name, &const_SO_SNDTIMEO_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_SNDTIMEO_name);

	zval const_SO_RCVTIMEO_value;
	ZVAL_LONG(&const_SO_RCVTIMEO_value, SO_RCVTIMEO);
	zend_string *const_SO_RCVTIMEO_name = zend_string_init_interned("SO_RCVTIMEO", sizeof("SO_RCVTIMEO") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_RCVTIMEO_name, &const_SO_RCVTIMEO_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_RCVTIMEO_name);

	zval const_SO_TYPE_value;
	ZVAL_LONG(&const_SO_TYPE_value, SO_TYPE);
	zend_string *const_SO_TYPE_name = zend_string_init_interned("SO_TYPE", sizeof("SO_TYPE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_TYPE_name, &const_SO_TYPE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_TYPE_name);

	zval const_SO_ERROR_value;
	ZVAL_LONG(&const_SO_ERROR_value, SO_ERROR);
	zend_string *const_SO_ERROR_name = zend_string_init_interned("SO_ERROR", sizeof("SO_ERROR") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SO_ERROR_name, &const_SO_ERROR_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SO_ERROR_name);

	zval const_SOL_SOCKET_value;
	ZVAL_LONG(&const_SOL_SOCKET_value, SOL_SOCKET);
	zend_string *const_SOL_SOCKET_name = zend_string_init_interned("SOL_SOCKET", sizeof("SOL_SOCKET") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SOL_SOCKET_name, &const_SOL_SOCKET_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SOL_SOCKET_name);

	zval const_SOL_TCP_value;
	ZVAL_LONG(&const_SOL_TCP_value, AS_SOL_TCP);
	zend_string *const_SOL_TCP_name = zend_string_init_interned("SOL_TCP", sizeof("SOL_TCP") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SOL_TCP_name, &const_SOL_TCP_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SOL_TCP_name);

	zval const_SOL_UDP_value;
	ZVAL_LONG(&const_SOL_UDP_value, AS_SOL_UDP);
	zend_string *const_SOL_UDP_name = zend_string_init_interned("SOL_UDP", sizeof("SOL_UDP") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SOL_UDP_name, &const_SOL_UDP_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SOL_UDP_name);

	zval const_SOCK_RAW_value;
	ZVAL_LONG(&const_SOCK_RAW_value, SOCK_RAW);
	zend_string *const_SOCK_RAW_name = zend_string_init_interned("SOCK_RAW", sizeof("SOCK_RAW") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SOCK_RAW_name, &const_SOCK_RAW_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SOCK_RAW_name);

	zval const_TCP_NODELAY_value;
	ZVAL_LONG(&const_TCP_NODELAY_value, TCP_NODELAY);
	zend_string *const_TCP_NODELAY_name = zend_string_init_interned("TCP_NODELAY", sizeof("TCP_NODELAY") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TCP_NODELAY_name, &const_TCP_NODELAY_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TCP_NODELAY_name);

	zval const_IPPROTO_IP_value;
	ZVAL_LONG(&const_IPPROTO_IP_value, IPPROTO_IP);
	zend_string *const_IPPROTO_IP_name = zend_string_init_interned("IPPROTO_IP", sizeof("IPPROTO_IP") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_IPPROTO_IP_name, &const_IPPROTO_IP_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_IPPROTO_IP_name);

	zval const_IPPROTO_IPV6_value;
	ZVAL_LONG(&const_IPPROTO_IPV6_value, IPPROTO_IPV6);
	zend_string *const_IPPROTO_IPV6_name = zend_string_init_interned("IPPROTO_IPV6", sizeof("IPPROTO_IPV6") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_IPPROTO_IPV6_name, &const_IPPROTO_IPV6_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_IPPROTO_IPV6_name);

	zval const_LIBEVENT_VERSION_NUMBER_value;
	ZVAL_LONG(&const_LIBEVENT_VERSION_NUMBER_value, LIBEVENT_VERSION_NUMBER);
	zend_string *const_LIBEVENT_VERSION_NUMBER_name = zend_string_init_interned("LIBEVENT_VERSION_NUMBER", sizeof("LIBEVENT_VERSION_NUMBER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_LIBEVENT_VERSION_NUMBER_name, &const_LIBEVENT_VERSION_NUMBER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_LIBEVENT_VERSION_NUMBER_name);

	return class_entry;
}

static zend_class_entry *register_class_EventException(zend_class_entry *class_entry_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "EventException", class_EventException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Exception);

	return class_entry;
}

static zend_class_entry *register_class_AsyncStream(void)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "AsyncStream", class_AsyncStream_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_FRAME_NONE_value;
	ZVAL_LONG(&const_FRAME_NONE_value, 0);
	zend_string *const_FRAME_NONE_name = zend_string_init_interned("FRAME_NONE", sizeof("FRAME_NONE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FRAME_NONE_name, &const_FRAME_NONE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FRAME_NONE_name);

	zval const_FRAME_DELIMITER_value;
	ZVAL_LONG(&const_FRAME_DELIMITER_value, 1);
	zend_string *const_FRAME_DELIMITER_name = zend_string_init_interned("FRAME_DELIMITER", sizeof("FRAME_DELIMITER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FRAME_DELIMITER_name, &const_FRAME_DELIMITER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FRAME_DELIMITER_name);

	zval const_FRAME_FIXED_value;
	ZVAL_LONG(&const_FRAME_FIXED_value, 2);
	zend_string *const_FRAME_FIXED_name = zend_string_init_interned("FRAME_FIXED", sizeof("FRAME_FIXED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FRAME_FIXED_name, &const_FRAME_FIXED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FRAME_FIXED_name);

	zval property_data_default_value;
	ZVAL_NULL(&property_data_default_value);
	zend_string *property_data_name = zend_string_init("data", sizeof("data") - 1, 1);
	zend_declare_typed_property(class_entry, property_data_name, &property_data_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ANY));
	zend_string_release(property_data_name);

	return class_entry;
}

static zend_class_entry *register_class_AsyncStreamServer(void)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "AsyncStreamServer", class_AsyncStreamServer_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_data_default_value;
	ZVAL_NULL(&property_data_default_value);
	zend_string *property_data_name = zend_string_init("data", sizeof("data") - 1, 1);
	zend_declare_typed_property(class_entry, property_data_name, &property_data_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ANY));
	zend_string_release(property_data_name);

	return class_entry;
}

static zend_class_entry *register_class_AsyncStreamException(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "AsyncStreamException", class_AsyncStreamException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	return class_entry;
}

static zend_class_entry *register_class_AsyncStreamDnsException(zend_class_entry *class_entry_AsyncStreamException)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "AsyncStreamDnsException", class_AsyncStreamDnsException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_AsyncStreamException);

	return class_entry;
}

static zend_class_entry *register_class_AsyncStreamTlsException(zend_class_entry *class_entry_AsyncStreamException)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "AsyncStreamTlsException", class_AsyncStreamTlsException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_AsyncStreamException);

	return class_entry;
}
