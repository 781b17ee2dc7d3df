package com.iapiexample

import android.app.Application
import com.facebook.react.PackageList
import com.facebook.react.ReactApplication
import com.facebook.react.ReactHost
import com.facebook.react.ReactNativeApplicationEntryPoint.loadReactNative
import com.facebook.react.defaults.DefaultReactHost.getDefaultReactHost
import io.dolby.iapi.reactnative.DolbyIoIAPIModule

class MainApplication : Application(), ReactApplication {

  override val reactHost: ReactHost by lazy {
    getDefaultReactHost(
      context = applicationContext,
      packageList =
        PackageList(this).packages.apply {
          // Packages that cannot be autolinked yet can be added manually here, for example:
          // add(MyReactNativePackage())
        },
    )
  }

  override fun onCreate() {
    super.onCreate()
    if (BuildConfig.DEBUG) {
      // Development only: the SDK talks to the local IAPI emulator instead of the production
      // hosts (app/build.gradle, -PiapiBaseUrl). http is accepted for loopback hosts only: from
      // an Android emulator or device, `adb reverse tcp:8080 tcp:8080` forwards the port.
      DolbyIoIAPIModule.configure(BuildConfig.IAPI_BASE_URL)
    }
    loadReactNative(this)
  }
}
